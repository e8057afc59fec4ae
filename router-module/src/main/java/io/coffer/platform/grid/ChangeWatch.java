package io.coffer.platform.grid;

import java.util.Optional;

/**
 * One follower's view of a subject's counter in {@link ChangeSignals}: says when it moved since the last look. The
 * first look only learns the counter (the follower reads its subject at start anyway), and a look when the grid cannot
 * be read changes nothing.
 */
public final class ChangeWatch {

    private static final long NOT_SEEN = -1;

    private long seen = NOT_SEEN;

    public synchronized boolean moved(Optional<Long> generation) {
        if (generation.isEmpty() || generation.get() == seen) {
            return false;
        }
        boolean first = seen == NOT_SEEN;
        seen = generation.get();
        return !first;
    }
}
