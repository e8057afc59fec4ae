package io.coffer.shard.boundary;

import io.coffer.platform.failure.IncorrectStateException;
import io.coffer.routing.control.Replication;
import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.control.StoreNames;
import io.coffer.routing.entity.ReadAccessor;
import io.coffer.routing.entity.StoreId;
import io.coffer.routing.entity.StoreSettings;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Lists the stores and switches how each is read and whether its writes are captured. */
@Stateless
public class ShardService {

    @Inject
    ShardRouter router;

    @Inject
    Replication replication;

    @Inject
    Clock clock;

    /** Every store this instance knows, base first, with its settings (created with the defaults if missing). */
    public List<StoreSettings> list() {
        List<StoreSettings> all = new ArrayList<>();
        for (StoreId store : router.remoteStores()) {
            all.add(settingsOf(store, false));
        }
        return all;
    }

    public StoreSettings get(String storeName) {
        return settingsOf(known(storeName), false);
    }

    public StoreSettings switchReads(String storeName, ReadAccessor accessor, String operator) {
        StoreSettings settings = settingsOf(known(storeName), true);
        try {
            settings.switchReads(accessor, operator, clock.instant());
        } catch (IllegalStateException refused) {
            throw new IncorrectStateException(refused.getMessage());
        }
        return published(settings);
    }

    public StoreSettings switchCapture(String storeName, boolean enabled, String operator) {
        StoreId store = known(storeName);
        if (store.isBase() && !enabled) {
            throw new IncorrectStateException(
                    "the base store's writes are always captured: its routing metadata is what every host routes by");
        }
        StoreSettings settings = settingsOf(store, true);
        boolean wasEnabled = settings.captureEnabled();
        try {
            settings.switchCapture(enabled, operator, clock.instant());
        } catch (IllegalStateException refused) {
            throw new IncorrectStateException(refused.getMessage());
        }
        if (wasEnabled && !enabled) {
            // Phase 1's rollback: no trace of partial replication stays behind, here or on any host.
            replication.rollBack(store);
        }
        return published(settings);
    }

    /** Flushed, so that the returned settings carry their new version; the caller publishes them after commit. */
    private StoreSettings published(StoreSettings settings) {
        router.base().flush();
        return settings;
    }

    private StoreSettings settingsOf(StoreId store, boolean forUpdate) {
        return StoreNames.settings(router.base(), store, clock.instant(), forUpdate);
    }

    private StoreId known(String storeName) {
        return StoreNames.known(router, storeName, "shard");
    }
}
