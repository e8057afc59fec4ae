package io.coffer.platform.settings;

import io.coffer.routing.entity.StoreId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.config.Config;

/**
 * Typed access to Coffer's configuration, with the defaults of a one-machine install.
 */
@ApplicationScoped
public class CofferSettings {

    @Inject
    Config config;

    /**
     * The shard lists come from the instance's JVM options, fixed for its life, and are asked for on every request (a
     * read's store, the forwarding filter): parsed once.
     */
    private volatile List<StoreId> shards;

    private volatile List<StoreId> servedShards;

    public String instance() {
        return text(SettingKeys.INSTANCE, "host-1");
    }

    public String cell() {
        return text(SettingKeys.CELL, "cell-0");
    }

    public List<StoreId> shards() {
        List<StoreId> known = shards;
        if (known == null) {
            known = storeList(text(SettingKeys.SHARDS, "shard-0"));
            shards = known;
        }
        return known;
    }

    /** The shards whose replicas this instance keeps and whose reads it serves: its cell's (all of them by default). */
    public List<StoreId> servedShards() {
        List<StoreId> served = servedShards;
        if (served == null) {
            List<StoreId> all = shards();
            served = config.getOptionalValue(SettingKeys.SERVED_SHARDS, String.class)
                    .map(CofferSettings::storeList)
                    .map(named -> named.stream().filter(all::contains).toList())
                    .orElse(all);
            servedShards = served;
        }
        return served;
    }

    /** This instance's cell-internal URL, if it has a cell-internal listener. */
    public java.util.Optional<String> cellUrl() {
        return config.getOptionalValue(SettingKeys.CELL_URL, String.class);
    }

    private static List<StoreId> storeList(String names) {
        return Arrays.stream(names.split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .map(StoreId::of)
                .toList();
    }

    public Path home() {
        return Path.of(text(SettingKeys.HOME, System.getProperty("user.home") + "/.coffer"));
    }

    public String publicUrl() {
        return text(SettingKeys.PUBLIC_URL, "http://127.0.0.1:8080");
    }

    public int publisherBatch() {
        return config.getOptionalValue(SettingKeys.PUBLISHER_BATCH, Integer.class)
                .orElse(500);
    }

    public long publisherIntervalMillis() {
        return config.getOptionalValue(SettingKeys.PUBLISHER_INTERVAL_MS, Long.class)
                .orElse(200L);
    }

    public java.time.Duration healthCheckTimeout() {
        return java.time.Duration.ofMillis(config.getOptionalValue(SettingKeys.HEALTH_CHECK_TIMEOUT_MS, Long.class)
                .orElse(3_000L));
    }

    /** {@code keystore} (default) or {@code pkcs11}. */
    public String rootKeyProvider() {
        return text(SettingKeys.ROOT_KEY_PROVIDER, "keystore");
    }

    public Path rootKeystore() {
        return Path.of(text(
                SettingKeys.ROOT_KEY_KEYSTORE, home().resolve("keys/root.p12").toString()));
    }

    public Path rootKeystorePasswordFile() {
        return Path.of(text(
                SettingKeys.ROOT_KEY_KEYSTORE_PASSWORD_FILE,
                home().resolve("keys/root.pass").toString()));
    }

    public String pkcs11Library() {
        return text(SettingKeys.ROOT_KEY_PKCS11_LIBRARY, "/usr/lib/softhsm/libsofthsm2.so");
    }

    public int pkcs11SlotListIndex() {
        return config.getOptionalValue(SettingKeys.ROOT_KEY_PKCS11_SLOT_INDEX, Integer.class)
                .orElse(0);
    }

    public Path pkcs11PinFile() {
        return Path.of(text(
                SettingKeys.ROOT_KEY_PKCS11_PIN_FILE,
                home().resolve("keys/pkcs11.pin").toString()));
    }

    public String pkcs11KeyLabel() {
        return text(SettingKeys.ROOT_KEY_PKCS11_KEY_LABEL, "coffer-root");
    }

    public boolean clockAdjustable() {
        return config.getOptionalValue(SettingKeys.CLOCK_ADJUSTABLE, Boolean.class)
                .orElse(false);
    }

    /** See {@link SettingKeys#LIVE_VERIFIER_SAMPLE_PERCENT}: between 0 (off) and 100. */
    public double liveVerifierSamplePercent() {
        double percent = config.getOptionalValue(SettingKeys.LIVE_VERIFIER_SAMPLE_PERCENT, Double.class)
                .orElse(1.0);
        return Double.isNaN(percent) ? 0 : Math.max(0, Math.min(100, percent));
    }

    /** See {@link SettingKeys#LIVE_VERIFIER_QUIET_MINUTES}. */
    public java.time.Duration liveVerifierQuietWindow() {
        long minutes = config.getOptionalValue(SettingKeys.LIVE_VERIFIER_QUIET_MINUTES, Long.class)
                .orElse(10L);
        return java.time.Duration.ofMinutes(Math.max(0, minutes));
    }

    /** See {@link SettingKeys#LOG_RETENTION_MINUTES}. */
    public java.time.Duration logRetention() {
        long minutes = config.getOptionalValue(SettingKeys.LOG_RETENTION_MINUTES, Long.class)
                .orElse(1440L);
        return java.time.Duration.ofMinutes(Math.max(0, minutes));
    }

    private String text(String key, String defaultValue) {
        return config.getOptionalValue(key, String.class).orElse(defaultValue);
    }
}
