package io.coffer.bench.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every write the load sent, by what Coffer answered: the acknowledged ones with the version and content each
 * acknowledged, refusals by status code, and writes without an answer (in doubt). Counts are kept per window (one
 * fault and its recovery) and in total; the acknowledged writes are kept for the whole run.
 */
public final class Ledger {

    /** One secret as the load knows it: its acknowledged versions (number → content) and its unanswered updates. */
    public static final class Entry {
        public final String secretId;
        public final String name;
        private final TreeMap<Long, String> versions = new TreeMap<>();
        private int updatesInDoubt;
        private long lastWriteNanos;

        Entry(String secretId, String name) {
            this.secretId = secretId;
            this.name = name;
        }

        public synchronized Map<Long, String> versions() {
            return new TreeMap<>(versions);
        }

        public synchronized Map.Entry<Long, String> latest() {
            return versions.lastEntry();
        }

        public synchronized int updatesInDoubt() {
            return updatesInDoubt;
        }

        synchronized boolean writtenSince(long nanoTime) {
            return lastWriteNanos - nanoTime >= 0;
        }

        synchronized boolean quietFor(long nanos) {
            return System.nanoTime() - lastWriteNanos >= nanos;
        }

        /** @return the content an earlier acknowledgement gave this version number, if any (a duplicate) */
        synchronized String acknowledge(long version, String content) {
            lastWriteNanos = System.nanoTime();
            return versions.put(version, content);
        }

        synchronized void inDoubt() {
            lastWriteNanos = System.nanoTime();
            updatesInDoubt++;
        }
    }

    /** What one window saw. */
    public static final class Window {
        final Counter acknowledged = new Counter();
        final Counter inDoubt = new Counter();
        final ConcurrentMap<String, Counter> refused = new ConcurrentHashMap<>();
        final Counter readsOk = new Counter();
        final ConcurrentMap<String, Counter> readsFailed = new ConcurrentHashMap<>();
        final Counter wrongContent = new Counter();

        public long acknowledged() {
            return acknowledged.get();
        }

        public long inDoubt() {
            return inDoubt.get();
        }

        public long readsOk() {
            return readsOk.get();
        }

        public long wrongContent() {
            return wrongContent.get();
        }

        /** Refusals with a 5xx status other than 503 (a client may see a 503 with a retry, never a server error). */
        public long serverErrors() {
            return refused.entrySet().stream()
                    .filter(refusal -> refusal.getKey().startsWith("5")
                            && !refusal.getKey().startsWith("503"))
                    .mapToLong(refusal -> refusal.getValue().get())
                    .sum();
        }

        /** e.g. {@code 503:12 409:3}, or {@code -} */
        public String refusedByStatus() {
            return byKey(refused);
        }

        public String readsFailedByStatus() {
            return byKey(readsFailed);
        }

        private static String byKey(ConcurrentMap<String, Counter> counts) {
            if (counts.isEmpty()) {
                return "-";
            }
            StringBuilder text = new StringBuilder();
            new TreeMap<>(counts)
                    .forEach((key, count) -> text.append(text.length() == 0 ? "" : " ")
                            .append(key)
                            .append(':')
                            .append(count.get()));
            return text.toString();
        }
    }

    private final ConcurrentMap<String, Entry> secrets = new ConcurrentHashMap<>();
    private final List<String> createsInDoubt = new ArrayList<>();
    private final List<String> duplicateAcknowledgements = new ArrayList<>();
    private volatile Window window = new Window();
    private volatile long repairMark;
    private final AtomicLong firstAcknowledgedAfterRepair = new AtomicLong();

    /** Starts a new window and returns the one that ends. */
    public Window nextWindow() {
        Window ended = window;
        window = new Window();
        return ended;
    }

    /** Refusals with a 5xx status other than 503 in the window running now. */
    long serverErrorsSoFar() {
        return window.serverErrors();
    }

    /** Marks the moment a repair starts, to measure when writes are acknowledged again. */
    void markRepair() {
        firstAcknowledgedAfterRepair.set(0);
        repairMark = System.nanoTime();
    }

    /** From the last repair's start to the first write acknowledged after it; null if none was. */
    Duration writesAgainAfterRepair() {
        long first = firstAcknowledgedAfterRepair.get();
        return first == 0 ? null : Duration.ofNanos(first - repairMark);
    }

    void created(String secretId, String name, long version, String content) {
        Entry entry = secrets.computeIfAbsent(secretId, id -> new Entry(id, name));
        acknowledge(entry, version, content);
    }

    void updated(Entry entry, long version, String content) {
        acknowledge(entry, version, content);
    }

    private void acknowledge(Entry entry, long version, String content) {
        String earlier = entry.acknowledge(version, content);
        if (earlier != null) {
            synchronized (duplicateAcknowledgements) {
                duplicateAcknowledgements.add(entry.secretId + " version " + version + " acknowledged twice");
            }
        }
        window.acknowledged.increment();
        if (repairMark != 0) {
            firstAcknowledgedAfterRepair.compareAndSet(0, System.nanoTime());
        }
    }

    void refused(int status, String code) {
        window.refused
                .computeIfAbsent(status + (code == null || code.isBlank() ? "" : " " + code), key -> new Counter())
                .increment();
    }

    void createInDoubt(String name) {
        synchronized (createsInDoubt) {
            createsInDoubt.add(name);
        }
        window.inDoubt.increment();
    }

    void updateInDoubt(Entry entry) {
        entry.inDoubt();
        window.inDoubt.increment();
    }

    void read(boolean ok) {
        (ok ? window.readsOk : window.wrongContent).increment();
    }

    void readFailed(String status) {
        window.readsFailed.computeIfAbsent(status, key -> new Counter()).increment();
    }

    /** A secret to update: one whose last write is older than the quiet time (so it is ACTIVE again by now). */
    Entry pickForUpdate(long quietNanos) {
        return random(secrets.values().stream()
                .filter(entry -> entry.quietFor(quietNanos))
                .toList());
    }

    /** Any secret with an acknowledged version. */
    Entry pickForRead() {
        return random(List.copyOf(secrets.values()));
    }

    private static Entry random(List<Entry> candidates) {
        return candidates.isEmpty()
                ? null
                : candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
    }

    public List<Entry> entries() {
        return List.copyOf(secrets.values());
    }

    public List<String> createsInDoubt() {
        synchronized (createsInDoubt) {
            return List.copyOf(createsInDoubt);
        }
    }

    public List<String> duplicateAcknowledgements() {
        synchronized (duplicateAcknowledgements) {
            return List.copyOf(duplicateAcknowledgements);
        }
    }

    public long acknowledgedWrites() {
        return secrets.values().stream()
                .mapToLong(entry -> entry.versions().size())
                .sum();
    }

    /** A thread-safe count. */
    static final class Counter {
        private final AtomicLong value = new AtomicLong();

        void increment() {
            value.incrementAndGet();
        }

        long get() {
            return value.get();
        }

        @Override
        public String toString() {
            return Long.toString(value.get());
        }
    }
}
