package io.coffer.bundle.boundary;

import io.coffer.bundle.control.BundleSelector;
import io.coffer.key.entity.MasterKeyVersion;
import io.coffer.platform.failure.CofferException;
import io.coffer.platform.wire.Page;
import io.coffer.resource.control.ResourceRoutes;
import io.coffer.routing.control.LocalRows;
import io.coffer.routing.control.StoreRead;
import io.coffer.routing.control.StoreReads;
import io.coffer.routing.entity.ResourceKind;
import io.coffer.routing.entity.ResourceRoute;
import io.coffer.routing.entity.StoreId;
import io.coffer.secret.control.ContentReadability;
import io.coffer.secret.control.SecretCrypto;
import io.coffer.secret.control.SecretDirectory;
import io.coffer.secret.control.SecretInputRules;
import io.coffer.secret.control.VersionListing;
import io.coffer.secret.entity.Secret;
import io.coffer.secret.entity.SecretLifecycleState;
import io.coffer.secret.entity.SecretNameRoute;
import io.coffer.secret.entity.SecretVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.persistence.config.HintValues;
import org.eclipse.persistence.config.QueryHints;

/**
 * Secret bundles for the caller's tenancy, read through the store accessors (see the package description). Reads take
 * no JTA transaction: each store read runs on its own and a bundle never pays for a commit. Secrets, routes and
 * versions are found as the control plane finds them ({@link SecretDirectory}), on the store the accessor picked.
 *
 * <p>A plain CDI bean, not an EJB: it holds no state, writes nothing and needs no transaction, and the EJB container's
 * security and interceptor chain around every call was a measurable part of a read (bench/README.md).
 */
@ApplicationScoped
public class SecretBundleService {

    /** Finds whose entity is only read: not copied into the entity manager's unit of work. */
    private static final Map<String, Object> READ_ONLY = Map.of(QueryHints.READ_ONLY, HintValues.TRUE);

    // The plain-JDBC forms on the local store: by primary key or the version index, every column (the entities' row
    // constructors take what they map).
    static final String NAME_ROUTE_ROW = "SELECT * FROM SECRET_NAME_ROUTE WHERE VAULT_AND_NAME = ?";
    static final String SECRET_ROW = "SELECT * FROM SECRET WHERE ID = ?";
    static final String VERSION_ROWS = "SELECT * FROM SECRET_VERSION WHERE SECRET_ID = ? ORDER BY VERSION_NUMBER";
    static final String KEY_VERSION_ROW = "SELECT * FROM MASTER_KEY_VERSION WHERE ID = ?";

    @Inject
    StoreReads reads;

    @Inject
    ResourceRoutes routes;

    @Inject
    ContentReadability readability;

    @Inject
    SecretCrypto crypto;

    /** A version's content, decrypted, with what the bundle shows around it. */
    public record Bundle(Secret secret, SecretVersion version, byte[] content, Map<String, Object> metadata) {
        @Override
        public String toString() {
            return "Bundle[" + version.id() + "]";
        }
    }

    /** Everything one bundle needs, read from one store so that a fallback is all or nothing. */
    private record Parts(
            Secret secret, SecretVersion version, MasterKeyVersion contentKey, MasterKeyVersion metadataKey) {}

    public Bundle get(String tenancyId, String secretId, BundleSelector selector) {
        return open(reads.sharingLocalReads(() -> {
            ResourceRoute route = secretRoute(tenancyId, secretId);
            return parts(route.store(), secretId, selector);
        }));
    }

    public Bundle byName(String tenancyId, String vaultId, String secretName, BundleSelector selector) {
        if (vaultId == null || vaultId.isBlank()) {
            throw CofferException.missing("vaultId");
        }
        if (secretName == null || secretName.isBlank()) {
            throw CofferException.missing("secretName");
        }
        String key = SecretNameRoute.key(vaultId, secretName);
        return open(reads.sharingLocalReads(() -> {
            SecretNameRoute name = reads.read(
                            StoreId.BASE,
                            StoreRead.of(
                                            "secret-name",
                                            em -> Optional.ofNullable(em.find(SecretNameRoute.class, key, READ_ONLY)))
                                    .locallyByRows(rows -> rows.one(NAME_ROUTE_ROW, key, SecretNameRoute::new)))
                    .orElseThrow(() -> CofferException.notFound("secret " + secretName + " in vault " + vaultId));
            ResourceRoute route = secretRoute(tenancyId, name.secretId());
            if (!route.vaultId().equals(vaultId)) {
                throw CofferException.notFound("secret " + secretName + " in vault " + vaultId);
            }
            return parts(route.store(), name.secretId(), selector);
        }));
    }

    /** The versions a bundle can still be read from (not deleted), for ListSecretBundleVersions. */
    public Page<SecretVersion> versions(
            String tenancyId, String secretId, String sortBy, String sortOrder, Integer limit, String page) {
        ResourceRoute route = secretRoute(tenancyId, secretId);
        List<SecretVersion> versions = reads.read(
                        route.store(),
                        StoreRead.<List<SecretVersion>>of(
                                "secret-bundle-versions",
                                em -> Optional.ofNullable(em.find(Secret.class, secretId))
                                        .map(secret -> SecretDirectory.versionsOf(em, secretId))))
                .orElseThrow(() -> CofferException.notFound("secret " + secretId));
        return VersionListing.page(versions, sortBy, sortOrder, limit, page);
    }

    private Parts parts(StoreId store, String secretId, BundleSelector selector) {
        return reads.read(
                        store,
                        StoreRead.of("secret-bundle", em -> load(em, secretId, selector))
                                .locallyByRows(rows -> loadByRows(rows, secretId, selector))
                                .servableLocallyWhen(found -> servable(found.secret())))
                .orElseThrow(() -> CofferException.notFound(selector.describe() + " of secret " + secretId));
    }

    /** Decrypts outside the reads: the shared local connection is back in its pool by then. */
    private Bundle open(Parts parts) {
        readability.checkContentReadable(parts.secret(), parts.version());
        byte[] content = crypto.openContent(parts.secret(), parts.version(), parts.contentKey());
        Map<String, Object> metadata = parts.metadataKey() == null
                ? null
                : SecretInputRules.metadataFromJson(crypto.openMetadata(parts.secret(), parts.metadataKey()));
        return new Bundle(parts.secret(), parts.version(), content, metadata);
    }

    /**
     * On a remote store (or the local one inside a transaction): one statement (one round trip) for the secret, its
     * versions and the key versions that sealed them, and one more only when the secret has metadata. Read-only:
     * nothing read here is changed, so EclipseLink neither copies the rows into the entity manager's unit of work nor
     * keeps a backup copy of each to detect changes.
     */
    private Optional<Parts> load(EntityManager store, String secretId, BundleSelector selector) {
        List<Object[]> rows = store.createNamedQuery(SecretVersion.READABLE_OF_SECRET, Object[].class)
                .setParameter("secretId", secretId)
                .setHint(QueryHints.READ_ONLY, HintValues.TRUE)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Secret secret = (Secret) rows.get(0)[0];
        Optional<Object[]> picked = selector.pick(rows, row -> (SecretVersion) row[1]);
        if (picked.isEmpty()) {
            return Optional.empty();
        }
        String metadataKeyId = crypto.metadataKeyVersionId(secret);
        MasterKeyVersion metadataKey =
                metadataKeyId == null ? null : store.find(MasterKeyVersion.class, metadataKeyId, READ_ONLY);
        if (metadataKeyId != null && metadataKey == null) {
            return Optional.empty();
        }
        return Optional.of(
                new Parts(secret, (SecretVersion) picked.get()[1], (MasterKeyVersion) picked.get()[2], metadataKey));
    }

    /**
     * On the embedded local store outside a transaction, where a statement costs no round trip: the same parts by key
     * lookups over plain JDBC (prepared statements kept per connection, rows mapped by the entities' row
     * constructors), without EclipseLink's per-query work (bench/README.md). No caller reads a bundle inside a
     * transaction; one that did would get {@link #load} on the local entity manager (see {@code StoreRead}).
     */
    private Optional<Parts> loadByRows(LocalRows store, String secretId, BundleSelector selector) {
        Optional<Secret> secret = store.one(SECRET_ROW, secretId, Secret::new);
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        Optional<SecretVersion> version = selector.pick(store.all(VERSION_ROWS, secretId, SecretVersion::new));
        if (version.isEmpty() || version.get().keyVersionId() == null) {
            return Optional.empty();
        }
        Optional<MasterKeyVersion> contentKey =
                store.one(KEY_VERSION_ROW, version.get().keyVersionId(), MasterKeyVersion::new);
        String metadataKeyId = crypto.metadataKeyVersionId(secret.get());
        MasterKeyVersion metadataKey = metadataKeyId == null
                ? null
                : store.one(KEY_VERSION_ROW, metadataKeyId, MasterKeyVersion::new)
                        .orElse(null);
        if (contentKey.isEmpty() || metadataKeyId != null && metadataKey == null) {
            return Optional.empty();
        }
        return Optional.of(new Parts(secret.get(), version.get(), contentKey.get(), metadataKey));
    }

    private ResourceRoute secretRoute(String tenancyId, String secretId) {
        if (secretId == null || secretId.isBlank()) {
            throw CofferException.missing("secretId");
        }
        ResourceRoute found = routes.find(secretId).orElse(null);
        return SecretDirectory.visible(found, ResourceKind.SECRET, tenancyId, secretId);
    }

    /** A local copy still being created or updated is not served: the remote store has the newer state. */
    private static boolean servable(Secret local) {
        SecretLifecycleState state = local.lifecycleState();
        return state != SecretLifecycleState.CREATING && state != SecretLifecycleState.UPDATING;
    }
}
