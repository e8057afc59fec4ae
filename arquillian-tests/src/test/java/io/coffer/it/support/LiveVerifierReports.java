package io.coffer.it.support;

import io.coffer.it.support.Http.Reply;
import java.time.Duration;
import java.util.function.Supplier;

/** Waiting for a store's live verifier to report what it found, as its migration resource shows it. */
public final class LiveVerifierReports {

    private LiveVerifierReports() {}

    /**
     * Runs {@code reads} (data-plane reads the verifier may sample) and then reads the migration resource, until that
     * reports a discrepancy or {@code patience} runs out; answers the last migration answer either way.
     */
    public static Reply awaitDiscrepancy(Duration patience, Runnable reads, Supplier<Reply> migration) {
        return Http.await(patience, reply -> reply.status() == 200 && discrepancies(reply) > 0, () -> {
            reads.run();
            return migration.get();
        });
    }

    private static long discrepancies(Reply migration) {
        return migration
                .json()
                .getJsonObject("liveVerifier")
                .getJsonNumber("discrepancies")
                .longValue();
    }
}
