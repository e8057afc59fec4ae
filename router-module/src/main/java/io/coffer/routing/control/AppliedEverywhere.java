package io.coffer.routing.control;

import java.util.Map;

/**
 * Which rows of one table of a store every live data-plane host of this cell has applied: a row has reached them all
 * when the log position of its last change is at or below the lowest position they reported. This is what a resource
 * waits for before it becomes ACTIVE.
 *
 * <p>A row never logged has nothing to wait for; a change still pending (not numbered yet) has reached no host. While
 * a live host still follows an older epoch of the store's log, no row has (it is about to drop its replica); with no
 * live host at all, nothing waits.
 */
public final class AppliedEverywhere {

    private final long appliedByEveryHost;
    private final Map<String, Long> lastSequences;

    /**
     * @param appliedByEveryHost the lowest position live hosts applied in the store's current epoch: {@code
     *                           Long.MAX_VALUE} when no host is live, -1 when a live host still follows an older epoch
     * @param lastSequences      row key to the log position of its last change, {@code Long.MAX_VALUE} while a change
     *                           is pending; rows never logged are absent
     */
    public AppliedEverywhere(long appliedByEveryHost, Map<String, Long> lastSequences) {
        this.appliedByEveryHost = appliedByEveryHost;
        this.lastSequences = Map.copyOf(lastSequences);
    }

    public boolean includes(String key) {
        return lastSequences.getOrDefault(key, 0L) <= appliedByEveryHost;
    }

    @Override
    public String toString() {
        return "applied by every host up to " + appliedByEveryHost + ", rows last changed at " + lastSequences;
    }
}
