package io.coffer.cell.control;

import io.coffer.replication.monitor.ReplicationProgress.CellMember;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The order in which a cell's hosts are tried for one forwarded request: in turn, so that the cell's load is spread,
 * but a host that let a connection time out lately (frozen, or too busy to accept) comes last for {@link #AVOIDED_FOR}:
 * otherwise every request whose turn it is would wait the whole connect timeout before reaching a healthy host. A host
 * that refuses costs nothing and is not avoided.
 */
final class HostTurns {

    static final Duration AVOIDED_FOR = Duration.ofSeconds(10);

    private final AtomicInteger turn = new AtomicInteger();
    private final Map<String, Instant> avoidedUntil = new ConcurrentHashMap<>();

    List<CellMember> order(List<CellMember> hosts, Instant now) {
        int first = Math.floorMod(turn.getAndIncrement(), Math.max(1, hosts.size()));
        List<CellMember> preferred = new ArrayList<>(hosts.size());
        List<CellMember> avoided = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            CellMember host = hosts.get((first + i) % hosts.size());
            Instant until = avoidedUntil.get(host.cellUrl());
            if (until != null && until.isAfter(now)) {
                avoided.add(host);
            } else {
                preferred.add(host);
            }
        }
        preferred.addAll(avoided);
        return preferred;
    }

    void timedOut(CellMember host, Instant now) {
        avoidedUntil.put(host.cellUrl(), now.plus(AVOIDED_FOR));
    }

    void answered(CellMember host) {
        avoidedUntil.remove(host.cellUrl());
    }
}
