package io.coffer.secret.control;

import static io.coffer.secret.control.SecretFixtures.COMPARTMENT;
import static io.coffer.secret.control.SecretFixtures.TENANCY;
import static io.coffer.secret.control.SecretFixtures.VAULT;
import static io.coffer.secret.control.SecretFixtures.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.platform.failure.ErrorCode;
import io.coffer.platform.wire.Page;
import io.coffer.secret.control.SecretFixtures.Aggregate;
import io.coffer.secret.control.SecretListing.Criteria;
import io.coffer.secret.control.SecretListing.SortBy;
import io.coffer.secret.control.SecretListing.SortOrder;
import io.coffer.secret.entity.Secret;
import io.coffer.secret.entity.SecretLifecycleState;
import io.coffer.secret.entity.SecretVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ListingTest extends LifecycleTestBase {

    private static Criteria criteria(String sortBy, String sortOrder, Integer limit, String page) {
        return SecretListing.criteria(TENANCY, COMPARTMENT, null, null, null, sortBy, sortOrder, limit, page);
    }

    @Test
    void defaultsFollowOci() {
        Criteria byTime = criteria(null, null, null, null);
        assertThat(byTime.sortBy()).isEqualTo(SortBy.TIMECREATED);
        assertThat(byTime.sortOrder()).isEqualTo(SortOrder.DESC);
        assertThat(byTime.limit()).isEqualTo(100);
        Criteria byName = criteria("NAME", null, 5, null);
        assertThat(byName.sortOrder()).isEqualTo(SortOrder.ASC);
        assertThat(criteria("NAME", "DESC", 1000, null).sortOrder()).isEqualTo(SortOrder.DESC);
    }

    @Test
    void badParametersAreRefusedByName() {
        assertRefused(
                () -> criteria("SIZE", null, null, null),
                ErrorCode.INVALID_PARAMETER,
                "sortBy must be TIMECREATED or NAME, not 'SIZE'");
        assertRefused(
                () -> criteria(null, "UP", null, null),
                ErrorCode.INVALID_PARAMETER,
                "sortOrder must be ASC or DESC, not 'UP'");
        assertRefused(
                () -> criteria(null, null, 0, null),
                ErrorCode.INVALID_PARAMETER,
                "limit must be between 1 and 1000, not 0");
        assertRefused(() -> criteria(null, null, 1001, null), ErrorCode.INVALID_PARAMETER, "not 1001");
        assertRefused(
                () -> SecretListing.criteria(TENANCY, null, null, null, null, null, null, null, null),
                ErrorCode.MISSING_PARAMETER,
                "compartmentId is required");
        assertRefused(
                () -> SecretListing.criteria(TENANCY, COMPARTMENT, "vault-1", null, null, null, null, null, null),
                ErrorCode.INVALID_PARAMETER,
                "vaultId is not the OCID of a vault");
        assertRefused(
                () -> SecretListing.criteria(TENANCY, COMPARTMENT, null, null, "GONE", null, null, null, null),
                ErrorCode.INVALID_PARAMETER,
                "lifecycleState must be one of CREATING, ACTIVE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"!!!", "bm90IGEgdG9rZW4", "c2VjcmV0c3xUSU1FQ1JFQVRFRCxERVNDfHh8", ""})
    void malformedPageTokensAreInvalidParameters(String page) {
        assertRefused(
                () -> criteria(null, null, null, page), ErrorCode.INVALID_PARAMETER, "page is not a valid page token");
    }

    @Test
    void aTokenIsValidOnlyForTheSortItWasIssuedFor() {
        String token = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("secrets|NAME,ASC|db|ocid1.vaultsecret.oc1.coffer.aaaaaaaaaaaa"
                        .getBytes(StandardCharsets.UTF_8));
        Criteria resumed = criteria("NAME", null, null, token);
        assertThat(resumed.afterKey()).isEqualTo("db");
        assertThat(resumed.afterId()).isEqualTo("ocid1.vaultsecret.oc1.coffer.aaaaaaaaaaaa");
        assertRefused(
                () -> criteria(null, null, null, token),
                ErrorCode.INVALID_PARAMETER,
                "page was issued for a list sorted by NAME ASC");
        String versionToken = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("versions|NAME,ASC|3|x".getBytes(StandardCharsets.UTF_8));
        assertRefused(
                () -> criteria("NAME", null, null, versionToken),
                ErrorCode.INVALID_PARAMETER,
                "page is not a valid page token");
    }

    @Test
    void theQueryFiltersSortsAndContinuesAfterTheLastItem() {
        Criteria first = SecretListing.criteria(TENANCY, COMPARTMENT, VAULT, "db", "ACTIVE", "NAME", "DESC", 2, null);
        SecretListing.Query query = SecretListing.query(first);
        assertThat(query.jpql())
                .isEqualTo("SELECT s FROM Secret s WHERE s.tenancyId = :tenancyId AND s.compartmentId "
                        + "= :compartmentId AND s.vaultId = :vaultId AND s.name = :name AND s.lifecycleState = :lifecycleState "
                        + "ORDER BY s.name DESC, s.id DESC");
        assertThat(query.parameters()).containsEntry("lifecycleState", "ACTIVE").containsEntry("vaultId", VAULT);
        assertThat(query.maxResults()).isEqualTo(3);

        List<Secret> rows = new ArrayList<>();
        for (String name : List.of("c", "b", "a")) {
            rows.add(create(SecretFixtures.createDetails(name, "x")).secret);
        }
        Page<Secret> page = SecretListing.page(first, rows);
        assertThat(page.items()).extracting(Secret::name).containsExactly("c", "b");
        Criteria next =
                SecretListing.criteria(TENANCY, COMPARTMENT, VAULT, "db", "ACTIVE", "NAME", "DESC", 2, page.nextPage());
        assertThat(next.afterKey()).isEqualTo("b");
        assertThat(next.afterId()).isEqualTo(rows.get(1).id());
        assertThat(SecretListing.query(next).jpql())
                .contains(
                        "AND (s.name < :afterKey OR (s.name = :afterKey AND s.id < :afterId)) ORDER BY s.name DESC, s.id DESC");
        assertThat(SecretListing.page(next, rows.subList(2, 3)).nextPage()).isNull();

        Criteria byTime = criteria(null, "ASC", 1, null);
        Page<Secret> timePage = SecretListing.page(byTime, rows.subList(0, 2));
        Criteria timeNext = criteria(null, "ASC", 1, timePage.nextPage());
        assertThat(SecretListing.query(timeNext).parameters().get("afterKey"))
                .isEqualTo(rows.get(0).timeCreated());
        assertThat(SecretListing.query(timeNext).jpql()).contains("s.timeCreated > :afterKey");
    }

    @Test
    void versionsArePagedNewestFirstWithoutDeletedOnesAndNewVersionsDoNotDisturbTheNextPage() {
        Aggregate a = create("v1");
        for (int i = 2; i <= 7; i++) {
            add(a, "v" + i, null);
        }
        deletion.scheduleVersionDeletion(a.secret, a.versions, 1, null);
        clock.advance(Duration.ofDays(30));
        housekeeping.completeVersionDeletion(a.version(1));

        Page<SecretVersion> first = VersionListing.page(a.versions, null, null, 4, null);
        assertThat(first.items()).extracting(SecretVersion::versionNumber).containsExactly(7L, 6L, 5L, 4L);
        add(a, "v8", null);
        Page<SecretVersion> second = VersionListing.page(a.versions, "VERSION_NUMBER", null, 4, first.nextPage());
        assertThat(second.items()).extracting(SecretVersion::versionNumber).containsExactly(3L, 2L);
        assertThat(second.nextPage()).isNull();

        Page<SecretVersion> ascending = VersionListing.page(a.versions, null, "ASC", 3, null);
        assertThat(ascending.items()).extracting(SecretVersion::versionNumber).containsExactly(2L, 3L, 4L);
        Page<SecretVersion> rest = VersionListing.page(a.versions, null, "ASC", 1000, ascending.nextPage());
        assertThat(rest.items()).extracting(SecretVersion::versionNumber).containsExactly(5L, 6L, 7L, 8L);

        assertRefused(
                () -> VersionListing.page(a.versions, null, "DESC", 3, ascending.nextPage()),
                ErrorCode.INVALID_PARAMETER,
                "page was issued for a list sorted by VERSION_NUMBER ASC");
        assertRefused(
                () -> VersionListing.page(a.versions, "TIMECREATED", null, null, null),
                ErrorCode.INVALID_PARAMETER,
                "sortBy must be VERSION_NUMBER");
        assertRefused(
                () -> VersionListing.page(a.versions, null, null, null, "%%"),
                ErrorCode.INVALID_PARAMETER,
                "page is not a valid page token");
        assertThat(a.secret.lifecycleState()).isEqualTo(SecretLifecycleState.ACTIVE);
    }
}
