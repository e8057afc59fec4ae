package io.coffer.cell.control;

import io.coffer.platform.failure.ServiceUnavailableException;
import io.coffer.platform.settings.CofferSettings;
import io.coffer.replication.monitor.ReplicationProgress;
import io.coffer.replication.monitor.ReplicationProgress.CellMember;
import io.coffer.resource.control.ResourceRoutes;
import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.control.StoreDataSources;
import io.coffer.routing.entity.ResourceRoute;
import io.coffer.routing.entity.StoreId;
import io.coffer.shard.control.Cells;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The base cell's side of cells: finds the cell that serves a request's resource and, when that is another cell,
 * replays the request on one of its live hosts over mutual TLS ({@link CellForwarder}). A host that serves every
 * shard (a topology of one cell) never looks anything up. Hosts are taken in turn; one that refuses the connection is
 * skipped for the next (the request never reached it), one that took the request and did not answer in time ends the
 * call with 503, since the request may have been carried out there.
 */
@ApplicationScoped
public class CellForwarding {

    private static final Logger LOG = Logger.getLogger(CellForwarding.class.getName());
    /**
     * The connection with its mutual-TLS handshake: a host that has just started takes more than a second for its first
     * handshake on a busy machine (CI saw "no connection within 1 s" right after a cell's start). A stopped host
     * refuses at once; only a frozen one uses it up.
     */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(4);
    /** Above the owning host's own store deadlines (3 s), below what a client waits. */
    private static final Duration DEADLINE = Duration.ofSeconds(8);
    /** How long a cell's member list is reused before it is read again from the base store. */
    private static final Duration MEMBERS_FRESH_FOR = Duration.ofSeconds(1);

    @Inject
    CofferSettings settings;

    @Inject
    ShardRouter router;

    @Inject
    ResourceRoutes routes;

    @Inject
    StoreDataSources dataSources;

    @Inject
    Clock clock;

    @Inject
    ForwardingMetrics metrics;

    /** A host's settings do not change while it runs: read once, not on every request. */
    private boolean servesEveryShard;

    private int cellPort;

    private final HostTurns turns = new HostTurns();
    private final Map<String, Members> members = new ConcurrentHashMap<>();
    private volatile CellForwarder forwarder;

    private record Members(List<CellMember> hosts, Instant readAt) {}

    @PostConstruct
    void readSettings() {
        servesEveryShard = router.servedShards().containsAll(router.shards());
        cellPort = settings.cellUrl().map(url -> URI.create(url).getPort()).orElse(-1);
    }

    /** Whether another cell serves any shard: false on a host that serves them all (a topology of one cell). */
    public boolean hasOtherCells() {
        return !servesEveryShard;
    }

    /** The other cell serving the resource's shard; empty when this host serves it or the resource has no route. */
    public Optional<String> otherCellServing(String resourceId) {
        if (servesEveryShard) {
            return Optional.empty();
        }
        return routes.findEvenIfJustWritten(resourceId)
                .map(ResourceRoute::store)
                .filter(store -> !router.serves(store))
                .map(Cells::of);
    }

    /**
     * Whether a request came in on this host's cell-internal listener, which takes only clients with a certificate of
     * Coffer's CA: another cell's host forwarding a client's request, served here and never forwarded again.
     */
    public boolean cameFromAnotherCell(int localPort) {
        return localPort == cellPort;
    }

    /** Replays the request on a live host of the cell; 503 when none answers. */
    public ForwardedResponse forward(String cell, ForwardedRequest request) {
        long started = System.nanoTime();
        String outcome = ForwardingMetrics.UNAVAILABLE;
        try {
            ForwardedResponse answer = forwardToAHostOf(cell, request);
            outcome = ForwardingMetrics.ANSWERED;
            return answer;
        } finally {
            metrics.forwarded(cell, outcome, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private ForwardedResponse forwardToAHostOf(String cell, ForwardedRequest request) {
        List<CellMember> hosts = members(cell);
        if (hosts.isEmpty()) {
            throw new ServiceUnavailableException("no host of " + cell + ", which serves this resource, is running");
        }
        CellUnreachableException last = null;
        for (CellMember host : turns.order(hosts, clock.instant())) {
            try {
                ForwardedResponse answer = forwarder().forward(URI.create(host.cellUrl()), request);
                turns.answered(host);
                return answer;
            } catch (CellUnreachableException unreachable) {
                last = unreachable;
                if (timedOut(unreachable)) {
                    turns.timedOut(host, clock.instant());
                }
                if (!neverReached(unreachable)) {
                    break;
                }
            }
        }
        LOG.log(Level.FINE, "forwarding to " + cell + " failed", last);
        throw new ServiceUnavailableException(
                cell + ", which serves this resource, did not answer: " + last.getMessage(), last);
    }

    /** No connection, or no answer, within its time: the host is frozen or swamped, not stopped. */
    private static boolean timedOut(CellUnreachableException unreachable) {
        Throwable cause = unreachable.getCause();
        return cause instanceof HttpTimeoutException || cause instanceof TimeoutException;
    }

    /** A refused or unmade connection: the request never reached the host, so another may take it. */
    private static boolean neverReached(CellUnreachableException unreachable) {
        Throwable cause = unreachable.getCause();
        return cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException;
    }

    /** The cell's live hosts with their cell-internal URLs, as last read (at most a second ago); empty if unknown. */
    public Optional<List<CellMember>> liveHostsOf(String cell) {
        try {
            return Optional.of(members(cell));
        } catch (ServiceUnavailableException baseDown) {
            return Optional.empty();
        }
    }

    private List<CellMember> members(String cell) {
        Instant now = clock.instant();
        Members known = members.get(cell);
        if (known != null && known.readAt().plus(MEMBERS_FRESH_FOR).isAfter(now)) {
            return known.hosts();
        }
        try (Connection base =
                dataSources.remoteOutsideTransactions(StoreId.BASE).getConnection()) {
            List<CellMember> hosts = ReplicationProgress.cellMembers(base, cell, now);
            members.put(cell, new Members(hosts, now));
            return hosts;
        } catch (SQLException baseDown) {
            if (known != null) {
                // the hosts last seen are still the best guess while the base store cannot be asked
                return known.hosts();
            }
            throw new ServiceUnavailableException("the hosts of " + cell + " cannot be looked up now", baseDown);
        }
    }

    private CellForwarder forwarder() {
        CellForwarder made = forwarder;
        if (made == null) {
            synchronized (this) {
                made = forwarder;
                if (made == null) {
                    made = new CellForwarder(
                            CellTls.of(settings.home().resolve("pki"), settings.cell()), CONNECT_TIMEOUT, DEADLINE);
                    forwarder = made;
                }
            }
        }
        return made;
    }
}
