package io.coffer.resource.control;

import io.coffer.platform.wire.Page;
import io.coffer.platform.wire.PageTokens;
import io.coffer.resource.entity.VersionedRow;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Keyset pages of a list newest first (time created descending, then id ascending), as the KMS API lists vaults, keys
 * and key versions: {@code limit} {@value #DEFAULT_LIMIT} by default and at most {@value #MAX_LIMIT}; the
 * {@code opc-next-page} token records where the page ended and for which list ({@code kind}), so a token of one list
 * is refused by another and rows added between two requests neither repeat nor vanish.
 */
public final class NewestFirstPages {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    private static final String SORT = "TIMECREATED,DESC";

    private NewestFirstPages() {}

    /**
     * One page of the rows of {@code type} that match {@code where}, a JPQL condition on the alias {@code r} with its
     * named parameters.
     */
    public static <T extends VersionedRow> Page<T> page(
            EntityManager store,
            Class<T> type,
            String kind,
            String where,
            Map<String, Object> parameters,
            Integer limit,
            String page) {
        int size = PageTokens.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        StringBuilder jpql = new StringBuilder("SELECT r FROM ")
                .append(type.getSimpleName())
                .append(" r WHERE ")
                .append(where);
        List<String> after = page == null ? null : PageTokens.decode(page, kind, SORT);
        if (after != null) {
            jpql.append(" AND (r.timeCreated < :afterTime OR (r.timeCreated = :afterTime AND r.id > :afterId))");
        }
        TypedQuery<T> query = store.createQuery(
                        jpql.append(" ORDER BY r.timeCreated DESC, r.id ASC").toString(), type)
                .setMaxResults(size + 1);
        parameters.forEach(query::setParameter);
        if (after != null) {
            query.setParameter("afterTime", Instant.ofEpochMilli(PageTokens.numericKey(after.get(0))))
                    .setParameter("afterId", after.get(1));
        }
        List<T> found = query.getResultList();
        if (found.size() <= size) {
            return new Page<>(found, null);
        }
        T last = found.get(size - 1);
        return new Page<>(
                found.subList(0, size),
                PageTokens.encode(kind, SORT, String.valueOf(last.timeCreated().toEpochMilli()), last.id()));
    }
}
