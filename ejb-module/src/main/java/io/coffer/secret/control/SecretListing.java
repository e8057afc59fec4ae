package io.coffer.secret.control;

import io.coffer.platform.failure.CofferException;
import io.coffer.platform.wire.Page;
import io.coffer.platform.wire.PageTokens;
import io.coffer.secret.entity.Secret;
import io.coffer.secret.entity.SecretLifecycleState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ListSecrets: filters ({@code compartmentId} required; {@code vaultId}, {@code name}, {@code lifecycleState}),
 * sorting (OCI: {@code TIMECREATED} descending by default, {@code NAME} ascending by default, {@code sortOrder} ASC or
 * DESC; ties broken by id) and keyset paging with opaque {@code page} tokens. OCI documents no bound for
 * {@code limit}; Coffer answers {@value #DEFAULT_LIMIT} items by default and at most {@value #MAX_LIMIT}.
 *
 * <p>Use: {@link #criteria} validates the request, {@link #query} gives the JPQL to run with
 * {@code setMaxResults(query.maxResults())}, and {@link #page} turns what it returned into the page and its
 * {@code opc-next-page}. Names compare by their characters (letters, digits and {@code . _ -} only).
 */
public final class SecretListing {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private static final String KIND = "secrets";

    public enum SortBy {
        TIMECREATED,
        NAME
    }

    public enum SortOrder {
        ASC,
        DESC
    }

    /** A validated ListSecrets request; {@code afterKey}/{@code afterId} come from the page token, if any. */
    public record Criteria(
            String tenancyId,
            String compartmentId,
            String vaultId,
            String name,
            SecretLifecycleState lifecycleState,
            SortBy sortBy,
            SortOrder sortOrder,
            int limit,
            String afterKey,
            String afterId) {}

    /** A JPQL query over {@code Secret} with its parameters; fetch at most {@code maxResults} rows. */
    public record Query(String jpql, Map<String, Object> parameters, int maxResults) {}

    private SecretListing() {}

    /** The request's parameters as OCI names them, checked. {@code tenancyId} is the caller's, never the client's. */
    public static Criteria criteria(
            String tenancyId,
            String compartmentId,
            String vaultId,
            String name,
            String lifecycleState,
            String sortBy,
            String sortOrder,
            Integer limit,
            String page) {
        String compartment = SecretInputRules.compartmentId(compartmentId);
        String vault = vaultId == null ? null : SecretInputRules.vaultId(vaultId);
        SecretLifecycleState state =
                lifecycleState == null ? null : SecretLifecycleState.parse("lifecycleState", lifecycleState);
        SortBy by = sortBy == null ? SortBy.TIMECREATED : parse(SortBy.class, "sortBy", sortBy);
        SortOrder order = sortOrder == null
                ? (by == SortBy.NAME ? SortOrder.ASC : SortOrder.DESC)
                : parse(SortOrder.class, "sortOrder", sortOrder);
        int size = PageTokens.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        String afterKey = null;
        String afterId = null;
        if (page != null) {
            List<String> position = PageTokens.decode(page, KIND, by + "," + order);
            afterKey = position.get(0);
            afterId = position.get(1);
            if (by == SortBy.TIMECREATED) {
                millis(afterKey);
            }
        }
        return new Criteria(tenancyId, compartment, vault, name, state, by, order, size, afterKey, afterId);
    }

    /** The keyset query for one page: one row more than the page holds, to learn whether another page follows. */
    public static Query query(Criteria criteria) {
        StringBuilder jpql = new StringBuilder(
                "SELECT s FROM Secret s WHERE s.tenancyId = :tenancyId AND s.compartmentId = :compartmentId");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("tenancyId", criteria.tenancyId());
        parameters.put("compartmentId", criteria.compartmentId());
        if (criteria.vaultId() != null) {
            jpql.append(" AND s.vaultId = :vaultId");
            parameters.put("vaultId", criteria.vaultId());
        }
        if (criteria.name() != null) {
            jpql.append(" AND s.name = :name");
            parameters.put("name", criteria.name());
        }
        if (criteria.lifecycleState() != null) {
            jpql.append(" AND s.lifecycleState = :lifecycleState");
            parameters.put("lifecycleState", criteria.lifecycleState().name());
        }
        String key = criteria.sortBy() == SortBy.NAME ? "s.name" : "s.timeCreated";
        String direction = criteria.sortOrder() == SortOrder.ASC ? "ASC" : "DESC";
        if (criteria.afterKey() != null) {
            String beyond = criteria.sortOrder() == SortOrder.ASC ? ">" : "<";
            jpql.append(" AND (")
                    .append(key)
                    .append(' ')
                    .append(beyond)
                    .append(" :afterKey OR (")
                    .append(key)
                    .append(" = :afterKey AND s.id ")
                    .append(beyond)
                    .append(" :afterId))");
            parameters.put(
                    "afterKey", criteria.sortBy() == SortBy.NAME ? criteria.afterKey() : millis(criteria.afterKey()));
            parameters.put("afterId", criteria.afterId());
        }
        jpql.append(" ORDER BY ")
                .append(key)
                .append(' ')
                .append(direction)
                .append(", s.id ")
                .append(direction);
        return new Query(jpql.toString(), parameters, criteria.limit() + 1);
    }

    /**
     * The order of a list: its sort key, then the id, both in the requested direction. Rows of several shards are
     * merged in this order before {@link #page} cuts them.
     */
    public static java.util.Comparator<Secret> order(Criteria criteria) {
        java.util.Comparator<Secret> byKey = criteria.sortBy() == SortBy.NAME
                ? java.util.Comparator.comparing(Secret::name)
                : java.util.Comparator.comparing(Secret::timeCreated);
        java.util.Comparator<Secret> ascending = byKey.thenComparing(Secret::id);
        return criteria.sortOrder() == SortOrder.ASC ? ascending : ascending.reversed();
    }

    /** The page from the rows the query returned (at most limit + 1, in order). */
    public static Page<Secret> page(Criteria criteria, List<Secret> rows) {
        if (rows.size() <= criteria.limit()) {
            return new Page<>(rows, null);
        }
        List<Secret> items = rows.subList(0, criteria.limit());
        Secret last = items.get(items.size() - 1);
        String key = criteria.sortBy() == SortBy.NAME
                ? last.name()
                : Long.toString(last.timeCreated().toEpochMilli());
        return new Page<>(
                items, PageTokens.encode(KIND, criteria.sortBy() + "," + criteria.sortOrder(), key, last.id()));
    }

    private static Instant millis(String key) {
        try {
            return Instant.ofEpochMilli(Long.parseLong(key));
        } catch (NumberFormatException e) {
            throw PageTokens.malformed();
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String text) {
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(text)) {
                return value;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E value : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : " or ").append(value.name());
        }
        throw CofferException.invalid(field + " must be " + allowed + ", not '" + text + "'");
    }
}
