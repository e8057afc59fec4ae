package io.coffer.routing.control;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live verifier's bounded hand-over between the request path and the task that checks off it: a request never
 * waits on it; when it is full the sample is dropped and counted.
 */
public final class SampleQueue {

    private final BlockingQueue<ReadSample> samples;
    private final AtomicLong dropped = new AtomicLong();

    public SampleQueue(int capacity) {
        this.samples = new ArrayBlockingQueue<>(capacity);
    }

    /** Queues the sample unless the queue is full; never blocks. */
    public boolean offer(ReadSample sample) {
        if (samples.offer(sample)) {
            return true;
        }
        dropped.incrementAndGet();
        return false;
    }

    /** Up to {@code max} samples, oldest first; none waits. */
    public List<ReadSample> take(int max) {
        List<ReadSample> taken = new ArrayList<>(Math.min(max, samples.size()));
        samples.drainTo(taken, max);
        return taken;
    }

    /** Samples dropped because the queue was full, since start. */
    public long dropped() {
        return dropped.get();
    }
}
