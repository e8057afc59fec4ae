package io.coffer.retry.control;

import io.coffer.platform.failure.ConflictException;
import io.coffer.resource.control.UniqueRows;
import io.coffer.retry.entity.RetryRecord;
import io.coffer.retry.entity.RetryToken;
import io.coffer.routing.control.ShardRouter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** Looks up and remembers retry tokens, inside the caller's transaction (see the package description). */
@ApplicationScoped
public class RetryTokens {

    /** How long a token is remembered, as in OCI. */
    public static final Duration RETENTION = Duration.ofHours(24);

    @Inject
    ShardRouter router;

    @Inject
    Clock clock;

    /**
     * The resource an earlier request with this token made, if it was the same request; a 409 if the token came with
     * a different one.
     */
    public Optional<String> previous(String tenancyId, RetryToken retry) {
        if (!retry.present()) {
            return Optional.empty();
        }
        EntityManager base = router.base();
        RetryRecord record = base.find(RetryRecord.class, RetryRecord.key(tenancyId, retry.token()));
        if (record == null) {
            return Optional.empty();
        }
        if (record.createdAt().plus(RETENTION).isBefore(clock.instant())) {
            base.remove(record);
            base.flush();
            return Optional.empty();
        }
        if (!record.requestHash().equals(retry.requestHash())) {
            throw new ConflictException(
                    "opc-retry-token was already used with a different request; use a new token for a new request");
        }
        return Optional.of(record.resourceId());
    }

    /** Remembers the token with the resource its request acted on; a concurrent request with the token is a 409. */
    public void remember(String tenancyId, RetryToken retry, String resourceId) {
        if (!retry.present()) {
            return;
        }
        UniqueRows.insert(
                router.base(),
                "another request with this opc-retry-token is in progress; retry it later",
                new RetryRecord(tenancyId, retry, resourceId, clock.instant()));
    }
}
