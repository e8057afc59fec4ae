package io.coffer.probe.boundary;

import io.coffer.probe.control.ProbeNotes;
import io.coffer.probe.entity.Probe;
import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.control.StoreNames;
import io.coffer.routing.entity.StoreId;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;

/** Writes probes to a remote store and reads them back from a remote or the local store. */
@Stateless
public class ProbeService {

    @Inject
    ShardRouter router;

    @Inject
    Clock clock;

    public Probe write(String storeName, String note) {
        StoreId store = knownStore(storeName);
        Probe probe = new Probe(store.name(), ProbeNotes.checked(note), clock.instant());
        router.remote(store).persist(probe);
        return probe;
    }

    public Optional<Probe> readRemote(String storeName, String id) {
        return Optional.ofNullable(router.remote(knownStore(storeName)).find(Probe.class, id));
    }

    public Optional<Probe> readLocal(String storeName, String id) {
        StoreId store = knownStore(storeName);
        return Optional.ofNullable(router.local().find(Probe.class, id))
                .filter(probe -> probe.store().equals(store.name()));
    }

    private StoreId knownStore(String name) {
        return StoreNames.known(router, name, "store");
    }
}
