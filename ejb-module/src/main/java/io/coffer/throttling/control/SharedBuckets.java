package io.coffer.throttling.control;

/** Where buckets live: the data grid, shared by every host, or this host alone. */
public interface SharedBuckets {

    /** Takes up to {@code wanted} tokens now from the bucket named {@code key}, shaped by {@code rate}. */
    TokenBucket.Take take(String key, Rate rate, int wanted);
}
