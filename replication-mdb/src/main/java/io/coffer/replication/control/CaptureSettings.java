package io.coffer.replication.control;

import io.coffer.routing.entity.StoreId;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which stores' writes are captured. Capture is on for every store from the first start: phase 1 of the migration
 * is the default state of a Coffer install.
 */
@ApplicationScoped
public class CaptureSettings implements CaptureSwitch {

    @Override
    public boolean isOn(StoreId store) {
        return true;
    }
}
