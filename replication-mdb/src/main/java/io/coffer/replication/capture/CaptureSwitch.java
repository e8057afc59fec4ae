package io.coffer.replication.capture;

import io.coffer.routing.entity.StoreId;

/** Whether writes to a store are captured into replication events right now (phase 1 can be rolled back per shard). */
public interface CaptureSwitch {

    boolean isOn(StoreId store);
}
