package io.coffer.crypto.control;

import io.coffer.key.control.KeyMaterial;
import io.coffer.key.entity.MasterKeyVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Master key material: made fresh and wrapped by the root key at once; unwrapped on use and kept in memory (a bounded
 * cache by key version), so that reads do not go to the HSM every time.
 */
@ApplicationScoped
public class MasterKeyMaterials implements KeyMaterial {

    private static final int MATERIAL_BYTES = 32;
    private static final int CACHED_VERSIONS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    RootKeys roots;

    private final Map<String, SecretKey> unwrapped = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SecretKey> eldest) {
            return size() > CACHED_VERSIONS;
        }
    };

    @Override
    public Wrapped create(String keyId, String versionId) {
        byte[] material = new byte[MATERIAL_BYTES];
        RANDOM.nextBytes(material);
        try {
            RootKey root = roots.current();
            return new Wrapped(root.wrap(material, AssociatedData.keyMaterial(keyId, versionId)), root.id());
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    /** The AES key of a master key version. */
    public SecretKey key(MasterKeyVersion version) {
        synchronized (unwrapped) {
            SecretKey cached = unwrapped.get(version.id());
            if (cached != null) {
                return cached;
            }
        }
        byte[] material = roots.byId(version.rootKeyId())
                .unwrap(version.wrappedMaterial(), AssociatedData.keyMaterial(version.keyId(), version.id()));
        SecretKey key = new SecretKeySpec(material, "AES");
        Arrays.fill(material, (byte) 0);
        synchronized (unwrapped) {
            unwrapped.put(version.id(), key);
        }
        return key;
    }
}
