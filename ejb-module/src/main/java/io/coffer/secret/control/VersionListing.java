package io.coffer.secret.control;

import io.coffer.platform.failure.CofferException;
import io.coffer.platform.wire.Page;
import io.coffer.platform.wire.PageTokens;
import io.coffer.secret.entity.SecretVersion;
import java.util.Comparator;
import java.util.List;

/**
 * ListSecretVersions over a secret's version rows (at most 60 live ones, so they are paged in memory): deleted versions
 * are left out; {@code sortBy} is {@code VERSION_NUMBER} (OCI's only value), newest first by default (OCI: time
 * created descends by default); {@code limit} {@value #DEFAULT_LIMIT} by default, at most {@value #MAX_LIMIT}; keyset
 * page tokens as for secrets.
 */
public final class VersionListing {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private static final String KIND = "versions";

    private VersionListing() {}

    public static Page<SecretVersion> page(
            List<SecretVersion> versions, String sortBy, String sortOrder, Integer limit, String page) {
        if (sortBy != null && !sortBy.equals("VERSION_NUMBER")) {
            throw CofferException.invalid("sortBy must be VERSION_NUMBER, not '" + sortBy + "'");
        }
        if (sortOrder != null && !sortOrder.equals("ASC") && !sortOrder.equals("DESC")) {
            throw CofferException.invalid("sortOrder must be ASC or DESC, not '" + sortOrder + "'");
        }
        boolean ascending = "ASC".equals(sortOrder);
        String sort = "VERSION_NUMBER," + (ascending ? "ASC" : "DESC");
        int size = PageTokens.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        long after = ascending ? 0 : Long.MAX_VALUE;
        if (page != null) {
            List<String> position = PageTokens.decode(page, KIND, sort);
            try {
                after = Long.parseLong(position.get(0));
            } catch (NumberFormatException e) {
                throw PageTokens.malformed();
            }
        }
        long from = after;
        Comparator<SecretVersion> byNumber = Comparator.comparingLong(SecretVersion::versionNumber);
        List<SecretVersion> remaining = versions.stream()
                .filter(v -> !v.isDeleted())
                .filter(v -> ascending ? v.versionNumber() > from : v.versionNumber() < from)
                .sorted(ascending ? byNumber : byNumber.reversed())
                .toList();
        if (remaining.size() <= size) {
            return new Page<>(remaining, null);
        }
        List<SecretVersion> items = remaining.subList(0, size);
        SecretVersion last = items.get(size - 1);
        return new Page<>(items, PageTokens.encode(KIND, sort, Long.toString(last.versionNumber()), last.secretId()));
    }
}
