package io.coffer.replication.capture;

import io.coffer.routing.control.StoreSettingsCache;
import io.coffer.routing.entity.StoreId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Whether writes to a store are captured right now, as the operator set it per store (on for every store of a new
 * install: phase 1 of the migration runs from the first start). Read from memory on every write.
 */
@ApplicationScoped
public class CaptureSettings implements CaptureSwitch {

    @Inject
    StoreSettingsCache settings;

    @Override
    public boolean isOn(StoreId store) {
        return settings.captureEnabled(store);
    }
}
