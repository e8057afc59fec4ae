package io.coffer.retry.control;

import io.coffer.platform.failure.ConflictException;
import io.coffer.resource.control.UniqueRows;
import io.coffer.retry.entity.RetryRecord;
import io.coffer.retry.entity.RetryToken;
import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.entity.StoreId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Looks up and remembers retry tokens in the store the request writes, so that the token commits with the request's
 * effect in one transaction on one store (see the package description).
 */
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
     * a different one. {@code store} is the store the request writes, where its token is remembered.
     */
    public Optional<String> previous(StoreId store, String tenancyId, RetryToken retry) {
        if (!retry.present()) {
            return Optional.empty();
        }
        Optional<RetryRecord> record = Optional.ofNullable(router.readRemote(
                        store, entityManager -> entityManager.find(RetryRecord.class, key(tenancyId, retry))))
                .filter(found -> !expired(found));
        if (record.isEmpty()) {
            return Optional.empty();
        }
        if (!record.get().requestHash().equals(retry.requestHash())) {
            throw new ConflictException(
                    "opc-retry-token was already used with a different request; use a new token for a new request");
        }
        return Optional.of(record.get().resourceId());
    }

    /**
     * Remembers the token with the resource its request acted on, in the transaction that writes {@code store}; a
     * concurrent request with the token is a 409. An expired record of the token makes way.
     */
    public void remember(StoreId store, String tenancyId, RetryToken retry, String resourceId) {
        if (!retry.present()) {
            return;
        }
        EntityManager writes = router.remote(store);
        RetryRecord old = writes.find(RetryRecord.class, key(tenancyId, retry));
        if (old != null && expired(old)) {
            writes.remove(old);
            writes.flush();
        }
        UniqueRows.insert(
                writes,
                "another request with this opc-retry-token is in progress; retry it later",
                new RetryRecord(tenancyId, retry, resourceId, clock.instant()));
    }

    private boolean expired(RetryRecord record) {
        return record.createdAt().plus(RETENTION).isBefore(clock.instant());
    }

    private static String key(String tenancyId, RetryToken retry) {
        return RetryRecord.key(tenancyId, retry.token());
    }
}
