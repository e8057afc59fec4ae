package io.coffer.routing.control;

/**
 * Which data-plane reads the live verifier samples: a share of them, by chance (the caller then also requires a
 * replica to compare with: capture on and caught up).
 */
public final class ReadSampling {

    private ReadSampling() {}

    /**
     * @param percent the share sampled, 0 (none) to 100 (all)
     * @param draw a uniform draw in [0, 1)
     */
    public static boolean chosen(double percent, double draw) {
        return percent > 0 && draw * 100 < percent;
    }
}
