package io.coffer.it.support;

import io.coffer.it.support.Http.Reply;
import java.time.Duration;
import java.util.List;

/** Switches which store serves data-plane reads, for every remote store, and waits until every host follows. */
public final class ReadAccessors {

    private static final List<String> STORES = List.of("base", "shard-0");

    private ReadAccessors() {}

    /** @param accessor {@code REMOTE}, {@code LOCAL} or {@code HYBRID} */
    public static void switchEverywhere(Operator operator, List<String> hosts, String accessor) {
        for (String store : STORES) {
            Reply switched = operator.put(
                    hosts.get(0) + "/admin/v1/shards/" + store + "/reads", "{\"accessor\":\"" + accessor + "\"}");
            if (switched.status() != 200) {
                throw new AssertionError("switching the reads of " + store + " to " + accessor + ": "
                        + switched.status() + " " + switched.body());
            }
        }
        for (String host : hosts) {
            Reply followed = Http.await(
                    Duration.ofSeconds(20),
                    reply -> reply.status() == 200
                            && reply.body().split("\"readsHere\":\"" + accessor + "\"", -1).length == STORES.size() + 1,
                    () -> operator.get(host + "/admin/v1/shards"));
            if (followed == null
                    || followed.body().split("\"readsHere\":\"" + accessor + "\"", -1).length != STORES.size() + 1) {
                throw new AssertionError(host + " does not follow the switch to " + accessor + " within 20 s: "
                        + (followed == null ? "no answer" : followed.body()));
            }
        }
    }
}
