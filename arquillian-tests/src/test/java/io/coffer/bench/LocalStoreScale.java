package io.coffer.bench;

import io.coffer.key.entity.MasterKey;
import io.coffer.key.entity.MasterKeyVersion;
import io.coffer.resource.entity.ResourceTags;
import io.coffer.secret.entity.SealedContent;
import io.coffer.secret.entity.Secret;
import io.coffer.secret.entity.SecretVersion;
import io.coffer.secret.entity.Stage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Local-store read latency as the data plane pays it, at 10k and at 1M secrets: an embedded Derby database on disk
 * (as a host's local store is), the real entities and the bundle read's queries (the secret, its versions, the key
 * version), timed one read at a time over random secrets.
 */
final class LocalStoreScale {

    /** Latency of one store-level bundle read at a given number of secrets. */
    record Point(long secrets, double p50Micros, double p99Micros, double meanMicros, long reads) {}

    private LocalStoreScale() {}

    static List<Point> measure(Path directory, long[] sizes, int reads) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(
                "jakarta.persistence.jdbc.url",
                "jdbc:derby:" + directory.resolve("local-store-scale") + ";create=true");
        // exec:java runs this on a class loader of its own; the entities and EclipseLink must see the same one
        ClassLoader loader = LocalStoreScale.class.getClassLoader();
        properties.put("eclipselink.classloader", loader);
        Thread.currentThread().setContextClassLoader(loader);
        EntityManagerFactory factory = Persistence.createEntityManagerFactory("bench-local-store", properties);
        try {
            MasterKeyVersion keyVersion = keyVersion(factory);
            long present = 0;
            List<Point> points = new java.util.ArrayList<>();
            for (long size : sizes) {
                insert(factory, keyVersion, present, size);
                present = size;
                points.add(time(factory, size, reads));
            }
            return points;
        } finally {
            factory.close();
        }
    }

    private static MasterKeyVersion keyVersion(EntityManagerFactory factory) {
        EntityManager em = factory.createEntityManager();
        em.getTransaction().begin();
        MasterKey key = new MasterKey(
                "ocid1.tenancy.oc1.coffer.bench",
                "ocid1.tenancy.oc1.coffer.bench",
                "ocid1.vault.oc1.coffer.bench",
                "bench",
                "HSM",
                ResourceTags.NONE,
                Instant.now());
        MasterKeyVersion version = new MasterKeyVersion(
                MasterKeyVersion.newId(), key, new byte[60], "keystore:coffer-root", Instant.now());
        em.persist(version);
        em.getTransaction().commit();
        em.close();
        return version;
    }

    private static void insert(EntityManagerFactory factory, MasterKeyVersion keyVersion, long from, long to) {
        SecureRandom random = new SecureRandom();
        byte[] ciphertext = new byte[120];
        random.nextBytes(ciphertext);
        EntityManager em = factory.createEntityManager();
        Instant now = Instant.now();
        for (long n = from; n < to; n++) {
            if ((n - from) % 2000 == 0) {
                if (em.getTransaction().isActive()) {
                    em.getTransaction().commit();
                    em.clear();
                }
                em.getTransaction().begin();
            }
            String id = id(n);
            Secret secret = new Secret(
                    id,
                    "ocid1.tenancy.oc1.coffer.bench",
                    "ocid1.tenancy.oc1.coffer.bench",
                    "ocid1.vault.oc1.coffer.bench",
                    "ocid1.key.oc1.coffer.bench",
                    "secret-" + n,
                    now);
            secret.activate();
            SecretVersion version = new SecretVersion(
                    id,
                    1,
                    null,
                    now,
                    false,
                    new SealedContent(Arrays.copyOf(ciphertext, ciphertext.length), keyVersion.id(), null));
            version.addStage(Stage.CURRENT);
            version.addStage(Stage.LATEST);
            em.persist(secret);
            em.persist(version);
        }
        if (em.getTransaction().isActive()) {
            em.getTransaction().commit();
        }
        em.close();
    }

    private static Point time(EntityManagerFactory factory, long size, int reads) {
        SplittableRandom random = new SplittableRandom(42);
        EntityManager em = factory.createEntityManager();
        for (int i = 0; i < Math.min(reads, 5000); i++) {
            read(em, random.nextLong(size));
        }
        long[] micros = new long[reads];
        for (int i = 0; i < reads; i++) {
            long started = System.nanoTime();
            read(em, random.nextLong(size));
            micros[i] = (System.nanoTime() - started) / 1000;
        }
        em.close();
        Arrays.sort(micros);
        double mean = Arrays.stream(micros).average().orElse(0);
        return new Point(size, micros[reads / 2], micros[(int) (reads * 0.99)], mean, reads);
    }

    /** What SecretBundleService reads for one bundle, against one store. */
    private static void read(EntityManager em, long n) {
        em.clear();
        Secret secret = em.find(Secret.class, id(n));
        List<SecretVersion> versions = em.createNamedQuery(SecretVersion.OF_SECRET, SecretVersion.class)
                .setParameter("secretId", secret.id())
                .getResultList();
        em.find(MasterKeyVersion.class, versions.get(0).keyVersionId());
    }

    private static String id(long n) {
        return String.format("ocid1.vaultsecret.oc1.coffer.bench%012d", n);
    }
}
