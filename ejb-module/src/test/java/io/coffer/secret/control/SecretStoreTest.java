package io.coffer.secret.control;

import static io.coffer.secret.control.SecretFixtures.COMPARTMENT;
import static io.coffer.secret.control.SecretFixtures.T0;
import static io.coffer.secret.control.SecretFixtures.TENANCY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.coffer.key.entity.MasterKey;
import io.coffer.key.entity.MasterKeyVersion;
import io.coffer.platform.wire.Page;
import io.coffer.platform.wire.Rfc3339;
import io.coffer.routing.control.LocalConnection;
import io.coffer.routing.entity.Ocids;
import io.coffer.routing.entity.ResourceKind;
import io.coffer.routing.entity.ResourceRoute;
import io.coffer.routing.entity.StoreId;
import io.coffer.secret.control.SecretFixtures.Aggregate;
import io.coffer.secret.entity.Secret;
import io.coffer.secret.entity.SecretNameRoute;
import io.coffer.secret.entity.SecretRule;
import io.coffer.secret.entity.SecretVersion;
import io.coffer.secret.entity.Stage;
import io.coffer.secret.entity.wire.ScheduleSecretDeletionDetails;
import io.coffer.secret.entity.wire.SecretJson;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The entities on a real (in-memory, embedded) Derby: mappings, named queries and the keyset list query. */
class SecretStoreTest extends LifecycleTestBase {

    /** The same in-memory store, by plain JDBC (created here if a test using it runs first). */
    private static final String PLAIN_URL = "jdbc:derby:memory:secret-store-test;create=true";

    private static EntityManagerFactory factory;

    @BeforeAll
    static void open() {
        System.setProperty("derby.stream.error.file", "target/derby.log");
        factory = Persistence.createEntityManagerFactory("secret-store-test");
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    private void inTransaction(Consumer<EntityManager> work) {
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            work.accept(em);
            em.getTransaction().commit();
        } finally {
            em.close();
        }
    }

    private Aggregate stored(String name) {
        Aggregate a = create(SecretFixtures.createDetails(name, "content of " + name));
        inTransaction(em -> {
            em.persist(a.secret);
            a.versions.forEach(em::persist);
        });
        return a;
    }

    private List<SecretVersion> versionsOf(EntityManager em, String secretId) {
        return new ArrayList<>(em.createNamedQuery(SecretVersion.OF_SECRET, SecretVersion.class)
                .setParameter("secretId", secretId)
                .getResultList());
    }

    @Test
    void aSecretAndItsVersionsRoundTripAndTheEtagMovesWithEveryChange() {
        Aggregate a = stored("round-trip");
        inTransaction(em -> {
            Secret secret = em.find(Secret.class, a.secret.id());
            List<SecretVersion> versions = versionsOf(em, secret.id());
            assertThat(secret.version()).isEqualTo(1);
            updates.update(
                    secret,
                    versions,
                    rules(SecretRule.expiry("P10D", null, true)),
                    sealer,
                    SecretFixtures.digestMatcher());
            updates.update(
                            secret,
                            versions,
                            content("second", "PENDING", "next"),
                            sealer,
                            SecretFixtures.digestMatcher())
                    .ifPresent(em::persist);
            secret.tag(secret.tags().replacedBy("a secret", Map.of("team", "blue"), null));
        });
        inTransaction(em -> {
            Secret secret = em.find(Secret.class, a.secret.id());
            assertThat(secret.version()).isEqualTo(2);
            assertThat(secret.timeCreated()).isEqualTo(T0);
            assertThat(secret.secretRules()).containsExactly(SecretRule.expiry("P10D", null, true));
            assertThat(secret.tags().freeform()).containsEntry("team", "blue");
            assertThat(secret.timeOfCurrentVersionExpiry()).isEqualTo(T0.plus(Duration.ofDays(10)));
            List<SecretVersion> versions = versionsOf(em, secret.id());
            assertThat(versions).extracting(SecretVersion::versionNumber).containsExactly(1L, 2L);
            assertThat(versions.get(0).stages()).containsExactly(Stage.CURRENT);
            assertThat(versions.get(1).stages()).containsExactly(Stage.PENDING, Stage.LATEST);
            assertThat(versions.get(1).name()).isEqualTo("next");
            assertThat(opened(versions.get(1))).isEqualTo("second");
            assertThat(versions.get(1).contentDigest()).hasSize(32);
            assertThat(SecretJson.of(secret, null).timeCreated()).isEqualTo("2026-11-25T02:13:29.468Z");
        });
    }

    @Test
    void namedQueriesFindNamesakesAndWhatIsDue() {
        Aggregate a = stored("due-secret");
        inTransaction(em -> {
            Secret secret = em.find(Secret.class, a.secret.id());
            List<SecretVersion> versions = versionsOf(em, secret.id());
            em.persist(
                    updates.update(secret, versions, content("two", null, null), sealer, SecretFixtures.digestMatcher())
                            .orElseThrow());
            em.persist(updates.update(
                            secret, versions, content("three", null, null), sealer, SecretFixtures.digestMatcher())
                    .orElseThrow());
            deletion.scheduleVersionDeletion(secret, versions, 1, null);
            deletion.scheduleDeletion(
                    secret, new ScheduleSecretDeletionDetails(Rfc3339.format(T0.plus(Duration.ofDays(20)))));
        });
        inTransaction(em -> {
            assertThat(em.createNamedQuery(Secret.BY_VAULT_AND_NAME, Secret.class)
                            .setParameter("vaultId", SecretFixtures.VAULT)
                            .setParameter("name", "due-secret")
                            .getResultList())
                    .extracting(Secret::id)
                    .containsExactly(a.secret.id());
            assertThat(em.createNamedQuery(SecretVersion.DUE_FOR_DELETION, SecretVersion.class)
                            .setParameter("now", T0.plus(Duration.ofDays(30)))
                            .getResultList())
                    .extracting(SecretVersion::id)
                    .contains(a.secret.id() + "/1");
            assertThat(em.createNamedQuery(Secret.DUE_FOR_DELETION, Secret.class)
                            .setParameter("now", T0.plus(Duration.ofDays(19)))
                            .getResultList())
                    .extracting(Secret::id)
                    .doesNotContain(a.secret.id());
            assertThat(em.createNamedQuery(Secret.DUE_FOR_DELETION, Secret.class)
                            .setParameter("now", T0.plus(Duration.ofDays(20)))
                            .getResultList())
                    .extracting(Secret::id)
                    .contains(a.secret.id());
            assertThat(em.createNamedQuery(Secret.DUE_FOR_ROTATION, Secret.class)
                            .setParameter("now", T0.plus(Duration.ofDays(400)))
                            .getResultList())
                    .isEmpty();
        });
    }

    @Test
    void aBundleReadsTheSecretItsVersionsAndTheirKeyVersionInOneQuery() {
        Aggregate a = stored("bundle-rows");
        inTransaction(em -> {
            Secret secret = em.find(Secret.class, a.secret.id());
            em.persist(updates.update(
                            secret,
                            versionsOf(em, secret.id()),
                            content("two", null, null),
                            sealer,
                            SecretFixtures.digestMatcher())
                    .orElseThrow());
        });
        assertThat(readableOf(a.secret.id()))
                .as("no key version stored yet: nothing can be opened")
                .isEmpty();

        MasterKey key = new MasterKey(TENANCY, COMPARTMENT, SecretFixtures.VAULT, "k", "SOFTWARE", null, T0);
        inTransaction(em -> em.persist(new MasterKeyVersion("keyversion-1", key, new byte[] {7}, "root", T0)));

        List<Object[]> rows = readableOf(a.secret.id());
        assertThat(rows).hasSize(2);
        assertThat(rows).extracting(row -> ((Secret) row[0]).id()).containsOnly(a.secret.id());
        assertThat(rows)
                .extracting(row -> ((SecretVersion) row[1]).versionNumber())
                .containsExactly(1L, 2L);
        assertThat(rows).extracting(row -> ((MasterKeyVersion) row[2]).id()).containsOnly("keyversion-1");
        assertThat(readableOf("ocid1.vaultsecret.oc1.coffer.missing")).isEmpty();
    }

    @Test
    void rowsReadByPlainJdbcAreTheEntitiesJpaReadsColumnForColumn() throws SQLException {
        Aggregate a = stored("plain-rows");
        MasterKey key = new MasterKey(TENANCY, COMPARTMENT, SecretFixtures.VAULT, "k", "SOFTWARE", null, T0);
        ResourceRoute route = new ResourceRoute(
                a.secret.id(), ResourceKind.SECRET, TENANCY, SecretFixtures.VAULT, StoreId.of("shard-0"), T0);
        SecretNameRoute name = new SecretNameRoute(SecretFixtures.VAULT, "plain-rows", a.secret.id());
        inTransaction(em -> {
            Secret secret = em.find(Secret.class, a.secret.id());
            List<SecretVersion> versions = versionsOf(em, secret.id());
            updates.update(
                    secret,
                    versions,
                    rules(SecretRule.expiry("P10D", null, true)),
                    sealer,
                    SecretFixtures.digestMatcher());
            em.persist(updates.update(
                            secret,
                            versions,
                            content("second", "PENDING", "next"),
                            sealer,
                            SecretFixtures.digestMatcher())
                    .orElseThrow());
            secret.tag(secret.tags()
                    .replacedBy("a secret", Map.of("team", "blue"), Map.of("ops", Map.of("tier", "gold"))));
            secret.describe("read by plain JDBC");
            secret.storeEncryptedMetadata(new byte[] {1, 2, 3, 4});
            secret.rotation().rotated(T0.plusSeconds(5), T0.plus(Duration.ofDays(4000)));
            em.persist(new MasterKeyVersion("keyversion-rows", key, new byte[] {7, 8, 9}, "root", T0));
            em.persist(route);
            em.persist(name);
        });
        inTransaction(em -> em.persist(new Secret(
                Ocids.newId("vaultsecret"),
                TENANCY,
                COMPARTMENT,
                SecretFixtures.VAULT,
                SecretFixtures.KEY,
                "bare",
                T0)));

        EntityManager em = factory.createEntityManager();
        try (LocalConnection rows = new LocalConnection(DriverManager.getConnection(PLAIN_URL))) {
            String id = a.secret.id();
            sameRow(rows.one("SELECT * FROM SECRET WHERE ID = ?", id, Secret::new), em.find(Secret.class, id));
            List<SecretVersion> versions = rows.all(
                    "SELECT * FROM SECRET_VERSION WHERE SECRET_ID = ? ORDER BY VERSION_NUMBER", id, SecretVersion::new);
            assertThat(versions).extracting(SecretVersion::versionNumber).containsExactly(1L, 2L);
            assertThat(versions)
                    .usingRecursiveFieldByFieldElementComparator()
                    .containsExactlyElementsOf(versionsOf(em, id));
            assertThat(versions.get(1).name()).isEqualTo("next");
            assertThat(versions.get(1).timeOfExpiry()).isEqualTo(T0.plus(Duration.ofDays(10)));
            sameRow(
                    rows.one("SELECT * FROM MASTER_KEY_VERSION WHERE ID = ?", "keyversion-rows", MasterKeyVersion::new),
                    em.find(MasterKeyVersion.class, "keyversion-rows"));
            sameRow(
                    rows.one("SELECT * FROM RESOURCE_ROUTE WHERE RESOURCE_ID = ?", id, ResourceRoute::new),
                    em.find(ResourceRoute.class, id));
            String nameKey = SecretNameRoute.key(SecretFixtures.VAULT, "plain-rows");
            sameRow(
                    rows.one("SELECT * FROM SECRET_NAME_ROUTE WHERE VAULT_AND_NAME = ?", nameKey, SecretNameRoute::new),
                    em.find(SecretNameRoute.class, nameKey));

            Secret bare = em.createNamedQuery(Secret.BY_VAULT_AND_NAME, Secret.class)
                    .setParameter("vaultId", SecretFixtures.VAULT)
                    .setParameter("name", "bare")
                    .getSingleResult();
            Secret bareByRows = rows.one("SELECT * FROM SECRET WHERE ID = ?", bare.id(), Secret::new)
                    .orElseThrow();
            sameRow(Optional.of(bareByRows), bare);
            assertThat(bareByRows.tags().freeform()).isEmpty();
            assertThat(bareByRows.encryptedMetadata()).isNull();

            assertThat(rows.one(
                            "SELECT * FROM SECRET WHERE ID = ?", "ocid1.vaultsecret.oc1.coffer.missing", Secret::new))
                    .isEmpty();
            // the statements are kept on the connection: the same ones again, for another key
            assertThat(rows.all(
                            "SELECT * FROM SECRET_VERSION WHERE SECRET_ID = ? ORDER BY VERSION_NUMBER",
                            bare.id(),
                            SecretVersion::new))
                    .isEmpty();
        } finally {
            em.close();
        }
    }

    @Test
    void aFailedPlainJdbcReadSaysWhyAsEclipseLinkWould() throws SQLException {
        try (LocalConnection rows = new LocalConnection(DriverManager.getConnection(PLAIN_URL))) {
            assertThat(catchThrowable(
                            () -> rows.one("SELECT * FROM NO_SUCH_TABLE WHERE ID = ?", "x", row -> row.text("ID"))))
                    .isInstanceOf(PersistenceException.class)
                    .hasCauseInstanceOf(SQLException.class);
            assertThat(catchThrowable(() ->
                            rows.one("SELECT * FROM SECRET WHERE ID = ?", "x", row -> row.text("NO_SUCH_COLUMN"))))
                    .isInstanceOf(PersistenceException.class)
                    .hasCauseInstanceOf(SQLException.class);
        }
    }

    /** The entity read by plain JDBC has every field the entity EclipseLink read has, with the same value. */
    private static <T> void sameRow(Optional<T> byRows, T byJpa) {
        assertThat(byJpa).isNotNull();
        assertThat(byRows).isPresent();
        assertThat(byRows.get()).usingRecursiveComparison().isEqualTo(byJpa);
    }

    private List<Object[]> readableOf(String secretId) {
        EntityManager em = factory.createEntityManager();
        try {
            return em.createNamedQuery(SecretVersion.READABLE_OF_SECRET, Object[].class)
                    .setParameter("secretId", secretId)
                    .getResultList();
        } finally {
            em.close();
        }
    }

    @Test
    void keysetPagesNeitherRepeatNorSkipWhenSecretsAreAddedBetweenPages() {
        String compartment = io.coffer.routing.entity.Ocids.newId("compartment");
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Aggregate a = create(new io.coffer.secret.entity.wire.CreateSecretDetails(
                    compartment,
                    null,
                    null,
                    null,
                    SecretFixtures.KEY,
                    null,
                    io.coffer.secret.entity.wire.SecretContentDetails.base64(SecretFixtures.b64("x")),
                    null,
                    null,
                    "s" + (i % 4),
                    null,
                    SecretFixtures.VAULT,
                    null,
                    null));
            if (i % 3 == 0) {
                clock.advance(Duration.ofSeconds(1));
            }
            inTransaction(em -> em.persist(a.secret));
            all.add(a.secret.id());
        }
        for (String sortBy : new String[] {"TIMECREATED", "NAME"}) {
            for (String order : new String[] {"ASC", "DESC"}) {
                Set<String> seen = new HashSet<>();
                List<String> listed = new ArrayList<>();
                String page = null;
                int pages = 0;
                do {
                    SecretListing.Criteria criteria =
                            SecretListing.criteria(TENANCY, compartment, null, null, null, sortBy, order, 5, page);
                    Page<Secret> result = list(criteria);
                    result.items().forEach(s -> listed.add(s.id()));
                    result.items().forEach(s -> assertThat(seen.add(s.id())).isTrue());
                    page = result.nextPage();
                    if (pages++ == 0) {
                        Aggregate late = create(new io.coffer.secret.entity.wire.CreateSecretDetails(
                                compartment,
                                null,
                                null,
                                null,
                                SecretFixtures.KEY,
                                null,
                                io.coffer.secret.entity.wire.SecretContentDetails.base64(SecretFixtures.b64("x")),
                                null,
                                null,
                                "late-" + sortBy + order,
                                null,
                                SecretFixtures.VAULT,
                                null,
                                null));
                        inTransaction(em -> em.persist(late.secret));
                    }
                } while (page != null);
                assertThat(listed).as(sortBy + " " + order).containsAll(all);
                assertThat(listed).as(sortBy + " " + order).doesNotHaveDuplicates();
            }
        }
        assertThat(list(SecretListing.criteria(
                                TENANCY, COMPARTMENT, null, "nothing-here", null, null, null, null, null))
                        .items())
                .isEmpty();
    }

    private Page<Secret> list(SecretListing.Criteria criteria) {
        EntityManager em = factory.createEntityManager();
        try {
            SecretListing.Query query = SecretListing.query(criteria);
            TypedQuery<Secret> typed =
                    em.createQuery(query.jpql(), Secret.class).setMaxResults(query.maxResults());
            query.parameters().forEach(typed::setParameter);
            return SecretListing.page(criteria, typed.getResultList());
        } finally {
            em.close();
        }
    }
}
