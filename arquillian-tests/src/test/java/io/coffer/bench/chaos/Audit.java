package io.coffer.bench.chaos;

import com.oracle.bmc.model.BmcException;
import com.oracle.bmc.secrets.SecretsClient;
import com.oracle.bmc.secrets.model.Base64SecretBundleContentDetails;
import com.oracle.bmc.secrets.requests.GetSecretBundleRequest;
import io.coffer.it.support.Http;
import io.coffer.it.support.Http.Reply;
import io.coffer.it.support.InternalServices;
import io.coffer.it.support.Operator;
import io.coffer.it.support.Secrets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compares the ledger with what the topology holds, once the load is paused: the remote store (every acknowledged
 * write exactly once, version numbers without gaps or duplicates), every host's replica of every store (checksums equal
 * to the remote store's), and what every host reads (the latest acknowledged version of every ACTIVE secret).
 */
public final class Audit {

    private static final List<String> STORES = List.of("base", "shard-0");
    private static final int PROBLEMS_SHOWN = 12;
    /** Older secrets read again by an audit that is not the last (which reads them all). */
    private static final int OLDER_SAMPLE = 100;

    /**
     * What one audit found; {@link #clean()} when nothing is lost, duplicated, unreadable, stuck or out of step.
     *
     * @param unreadable reads of an ACTIVE secret's latest acknowledged version that failed or gave other content
     * @param stuck      secrets still not ACTIVE after the convergence wait (CREATING or UPDATING)
     */
    public record Result(
            long acknowledged,
            long lost,
            long duplicated,
            long unreadable,
            long stuck,
            long versionGaps,
            Duration converged,
            List<String> problems) {

        public boolean clean() {
            return lost == 0
                    && duplicated == 0
                    && unreadable == 0
                    && stuck == 0
                    && versionGaps == 0
                    && problems.isEmpty();
        }
    }

    private final Path home;
    private final int derbyPort;
    private final List<String> hosts;
    private final Operator operator;
    private final Secrets store;
    private final Duration convergeTimeout;
    private long lastAudit = System.nanoTime();

    public Audit(
            Path home, int derbyPort, List<String> hosts, Operator operator, Secrets store, Duration convergeTimeout) {
        this.home = home;
        this.derbyPort = derbyPort;
        this.hosts = hosts;
        this.operator = operator;
        this.store = store;
        this.convergeTimeout = convergeTimeout;
    }

    /**
     * @param readAll whether every secret is read on every host; otherwise those written since the last audit and a
     *                sample of the older ones (the remote store and the checksums are always checked in full)
     */
    public Result check(Ledger ledger, boolean readAll) throws Exception {
        List<String> problems = new ArrayList<>();
        Instant started = Instant.now();
        awaitConverged(problems);
        Duration converged = Duration.between(started, Instant.now());
        Map<String, StoredSecret> stored;
        try {
            stored = remoteStore();
        } catch (SQLException unreadable) {
            problems.add("not audited: the remote store cannot be read: " + unreadable.getMessage());
            return new Result(ledger.acknowledgedWrites(), 0, 0, 0, 0, 0, converged, problems);
        }
        long lost = 0;
        long duplicated = 0;
        long gaps = 0;
        Map<String, Integer> names = new HashMap<>();
        stored.values().forEach(secret -> names.merge(secret.name, 1, Integer::sum));
        for (Ledger.Entry entry : ledger.entries()) {
            StoredSecret secret = stored.get(entry.secretId);
            Map<Long, String> acknowledged = entry.versions();
            if (secret == null) {
                lost += acknowledged.size();
                problems.add("lost: secret " + entry.name + " (" + entry.secretId + ") is not in the remote store");
                continue;
            }
            for (long version : acknowledged.keySet()) {
                int copies = secret.versions.getOrDefault(version, 0);
                if (copies == 0) {
                    lost++;
                    problems.add("lost: version " + version + " of " + entry.name + " is not in the remote store");
                } else if (copies > 1) {
                    duplicated += copies - 1;
                    problems.add(
                            "duplicated: version " + version + " of " + entry.name + " is stored " + copies + " times");
                }
            }
            long highest = secret.versions.isEmpty() ? 0 : secret.versions.lastKey();
            for (long version = 1; version <= highest; version++) {
                if (!secret.versions.containsKey(version)) {
                    gaps++;
                    problems.add("gap: " + entry.name + " has no version " + version + " below its version " + highest);
                }
            }
            long unexplained = secret.versions.size() - acknowledged.size() - entry.updatesInDoubt();
            if (unexplained > 0) {
                duplicated += unexplained;
                problems.add("duplicated: " + entry.name + " has " + unexplained
                        + " version(s) that no write acknowledged" + " or left in doubt");
            }
            if (names.getOrDefault(entry.name, 0) > 1) {
                duplicated += names.get(entry.name) - 1;
                problems.add("duplicated: " + names.get(entry.name) + " secrets are named " + entry.name);
            }
        }
        Set<String> known = new HashSet<>(ledger.createsInDoubt());
        ledger.entries().forEach(entry -> known.add(entry.name));
        for (StoredSecret secret : stored.values()) {
            if (!known.contains(secret.name)) {
                duplicated++;
                problems.add("duplicated: " + secret.name
                        + " is in the remote store, but no write acknowledged it or left it in doubt");
            }
        }
        for (String twice : ledger.duplicateAcknowledgements()) {
            duplicated++;
            problems.add("duplicated: " + twice);
        }
        long stuck = 0;
        for (Ledger.Entry entry : ledger.entries()) {
            StoredSecret secret = stored.get(entry.secretId);
            if (secret != null && !"ACTIVE".equals(secret.state)) {
                stuck++;
                problems.add("stuck: " + entry.name + " is " + secret.state + ", not ACTIVE");
            }
        }
        long unreadable = readEverywhere(toRead(ledger, readAll), stored, problems);
        lastAudit = System.nanoTime();
        List<String> shown =
                problems.size() <= PROBLEMS_SHOWN ? problems : new ArrayList<>(problems.subList(0, PROBLEMS_SHOWN));
        if (problems.size() > PROBLEMS_SHOWN) {
            shown.add("... and " + (problems.size() - PROBLEMS_SHOWN) + " more");
        }
        return new Result(ledger.acknowledgedWrites(), lost, duplicated, unreadable, stuck, gaps, converged, shown);
    }

    /** Waits as the audit does until everything settled; what did not, within the convergence timeout. */
    public List<String> awaitSettled() {
        List<String> problems = new ArrayList<>();
        awaitConverged(problems);
        return problems;
    }

    /**
     * Waits until no secret of the vault is still CREATING or UPDATING (read as a client of the store reads: rows that
     * a transaction holds locked count as not settled) and every replica equals its remote store.
     */
    private void awaitConverged(List<String> problems) {
        Instant deadline = Instant.now().plus(convergeTimeout);
        List<String> behind = List.of("not checked");
        String pending = "not checked";
        while (Instant.now().isBefore(deadline)) {
            pending = pendingSecrets();
            behind = replicasBehind();
            if (pending == null && behind.isEmpty()) {
                return;
            }
            Http.sleep(1000);
        }
        if (pending != null) {
            problems.add("not converged after " + convergeTimeout.toSeconds() + " s: " + pending);
            problems.add("locks held in the remote stores then: " + lockHolders());
        }
        behind.forEach(
                replica -> problems.add("not converged after " + convergeTimeout.toSeconds() + " s: " + replica));
    }

    private List<String> replicasBehind() {
        List<String> behind = new ArrayList<>();
        for (String host : hosts) {
            for (String name : STORES) {
                try {
                    Reply sums = operator.get(host + "/admin/v1/replication/stores/" + name + "/checksum");
                    if (sums.status() != 200) {
                        behind.add(host + " answers " + sums.status() + " for the checksum of " + name);
                    } else if (!sums.json()
                            .getJsonObject("remote")
                            .equals(sums.json().getJsonObject("local"))) {
                        behind.add(host + "'s replica of " + name + " differs from the remote store: " + sums.body());
                    }
                } catch (RuntimeException unreachable) {
                    behind.add(host + " does not answer the checksum of " + name + ": " + unreachable.getMessage());
                }
            }
        }
        return behind;
    }

    /** What keeps the vault's secrets from being settled, or null when none is CREATING or UPDATING. */
    private String pendingSecrets() {
        try (Connection shard = InternalServices.store(home, derbyPort, "coffer-shard-0");
                PreparedStatement select = shard.prepareStatement("SELECT COUNT(*) FROM SECRET WHERE VAULT_ID = ?"
                        + " AND LIFECYCLE_STATE IN ('CREATING', 'UPDATING')")) {
            select.setString(1, store.vault.getId());
            select.setQueryTimeout(10);
            try (ResultSet count = select.executeQuery()) {
                count.next();
                long pending = count.getLong(1);
                return pending == 0 ? null : pending + " secret(s) still CREATING or UPDATING";
            }
        } catch (SQLException unreadable) {
            return "the vault's secrets in the remote store cannot be read (" + unreadable.getSQLState() + " "
                    + unreadable.getMessage() + ")";
        }
    }

    /**
     * The transactions that hold locks in each remote store and what they hold (Derby's lock and transaction tables):
     * whether a stuck lock belongs to a global (XA) transaction, prepared or not, and since when.
     */
    private String lockHolders() {
        StringBuilder holders = new StringBuilder();
        for (String database : List.of("coffer-base", "coffer-shard-0")) {
            holders.append(database).append(": [");
            try (Connection store = InternalServices.store(home, derbyPort, database);
                    PreparedStatement select = store.prepareStatement("SELECT t.XID, t.GLOBAL_XID, t.USERNAME,"
                            + " t.STATUS, t.FIRST_INSTANT, l.TABLENAME, l.TYPE, l.MODE, l.STATE, COUNT(*),"
                            + " MAX(CAST(t.SQL_TEXT AS VARCHAR(200)))"
                            + " FROM SYSCS_DIAG.LOCK_TABLE l JOIN SYSCS_DIAG.TRANSACTION_TABLE t ON t.XID = l.XID"
                            + " GROUP BY t.XID, t.GLOBAL_XID, t.USERNAME, t.STATUS, t.FIRST_INSTANT, l.TABLENAME,"
                            + " l.TYPE, l.MODE, l.STATE")) {
                select.setQueryTimeout(10);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        holders.append("{xid=").append(rows.getString(1));
                        holders.append(", global=").append(rows.getString(2));
                        holders.append(", user=").append(rows.getString(3));
                        holders.append(", status=").append(rows.getString(4));
                        holders.append(", first log instant=").append(rows.getString(5));
                        holders.append(", ")
                                .append(rows.getString(6))
                                .append(' ')
                                .append(rows.getString(7));
                        holders.append(' ')
                                .append(rows.getString(8))
                                .append(' ')
                                .append(rows.getString(9));
                        holders.append(" x").append(rows.getInt(10));
                        holders.append(", sql=").append(rows.getString(11)).append("} ");
                    }
                }
            } catch (SQLException unreadable) {
                holders.append("not readable: ").append(unreadable.getMessage());
            }
            holders.append("] ");
        }
        return holders.toString();
    }

    /** One secret of the vault in the remote store: its name, state, and how many rows each version number has. */
    private record StoredSecret(String name, String state, TreeMap<Long, Integer> versions) {}

    /**
     * The vault's secrets and versions as the remote store holds them. Read uncommitted: rows a transaction still holds
     * locked (reported by the convergence check) are counted as they stand instead of blocking the audit.
     */
    private Map<String, StoredSecret> remoteStore() throws SQLException {
        Map<String, StoredSecret> secrets = new HashMap<>();
        try (Connection shard = InternalServices.store(home, derbyPort, "coffer-shard-0")) {
            shard.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
            try (PreparedStatement select =
                    shard.prepareStatement("SELECT ID, SECRET_NAME, LIFECYCLE_STATE FROM SECRET WHERE VAULT_ID = ?")) {
                select.setString(1, store.vault.getId());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        secrets.put(
                                rows.getString(1),
                                new StoredSecret(rows.getString(2), rows.getString(3), new TreeMap<>()));
                    }
                }
            }
            try (PreparedStatement select = shard.prepareStatement("SELECT v.SECRET_ID, v.VERSION_NUMBER, COUNT(*)"
                    + " FROM SECRET_VERSION v JOIN SECRET s ON s.ID = v.SECRET_ID WHERE s.VAULT_ID = ?"
                    + " GROUP BY v.SECRET_ID, v.VERSION_NUMBER")) {
                select.setString(1, store.vault.getId());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        StoredSecret secret = secrets.get(rows.getString(1));
                        if (secret != null) {
                            secret.versions.put(rows.getLong(2), rows.getInt(3));
                        }
                    }
                }
            }
        }
        return secrets;
    }

    private List<Ledger.Entry> toRead(Ledger ledger, boolean readAll) {
        List<Ledger.Entry> all = ledger.entries();
        if (readAll) {
            return all;
        }
        List<Ledger.Entry> recent = new ArrayList<>(
                all.stream().filter(entry -> entry.writtenSince(lastAudit)).toList());
        List<Ledger.Entry> older = new ArrayList<>(
                all.stream().filter(entry -> !entry.writtenSince(lastAudit)).toList());
        Collections.shuffle(older);
        recent.addAll(older.subList(0, Math.min(OLDER_SAMPLE, older.size())));
        return recent;
    }

    /** Reads the latest acknowledged version of each ACTIVE secret on every host; returns how many reads failed. */
    private long readEverywhere(List<Ledger.Entry> entries, Map<String, StoredSecret> stored, List<String> problems)
            throws Exception {
        AtomicLong unreadable = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<SecretsClient> clients = hosts.stream()
                .map(host -> SecretsClient.builder()
                        .endpoint(host)
                        .configuration(Load.clientConfiguration())
                        .build(store.tenant.credentials))
                .toList();
        try {
            List<Future<?>> reads = new ArrayList<>();
            for (Ledger.Entry entry : entries) {
                StoredSecret secret = stored.get(entry.secretId);
                if (secret == null || !"ACTIVE".equals(secret.state)) {
                    continue;
                }
                var latest = entry.latest();
                for (int host = 0; host < hosts.size(); host++) {
                    SecretsClient client = clients.get(host);
                    String url = hosts.get(host);
                    reads.add(pool.submit(() -> {
                        String failure = readFailure(client, entry.secretId, latest.getKey(), latest.getValue());
                        if (failure != null) {
                            unreadable.incrementAndGet();
                            synchronized (problems) {
                                problems.add("unreadable on " + url + ": version " + latest.getKey() + " of "
                                        + entry.name + ": " + failure);
                            }
                        }
                    }));
                }
            }
            for (Future<?> read : reads) {
                read.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
            clients.forEach(SecretsClient::close);
        }
        return unreadable.get();
    }

    private static String readFailure(SecretsClient client, String secretId, long version, String expected) {
        try {
            String content = Secrets.text(
                    ((Base64SecretBundleContentDetails) client.getSecretBundle(GetSecretBundleRequest.builder()
                                            .secretId(secretId)
                                            .versionNumber(version)
                                            .build())
                                    .getSecretBundle()
                                    .getSecretBundleContent())
                            .getContent());
            return content.equals(expected) ? null : "other content than acknowledged";
        } catch (BmcException failed) {
            return failed.getStatusCode() + " " + failed.getServiceCode();
        } catch (RuntimeException failed) {
            return "no answer (" + failed.getClass().getSimpleName() + ")";
        }
    }
}
