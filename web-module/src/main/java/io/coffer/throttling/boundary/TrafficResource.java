package io.coffer.throttling.boundary;

import io.coffer.throttling.control.ClusterTraffic;
import io.coffer.throttling.control.TrafficCounts;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /admin/v1/traffic}: every tenancy's requests per operation class, admitted and throttled, counted since each
 * host started and added up over the hosts that published their counts in the last seconds ({@code "scope":
 * "cluster"}), or this host's alone when the data grid cannot be read ({@code "scope": "host"}). The console turns two
 * readings into rates. A host that stops leaves the sum within seconds, so a total may go down.
 */
@Path("v1/traffic")
@Produces(MediaType.APPLICATION_JSON)
public class TrafficResource {

    @Inject
    ClusterTraffic traffic;

    @GET
    public String get() {
        ClusterTraffic.View view = traffic.view();
        JsonArrayBuilder hosts = Json.createArrayBuilder();
        view.hosts().forEach(hosts::add);
        JsonArrayBuilder tenancies = Json.createArrayBuilder();
        for (TrafficCounts.Row row : view.rows()) {
            tenancies.add(Json.createObjectBuilder()
                    .add("tenancyId", row.tenancyId())
                    .add("class", row.operationClass())
                    .add("admitted", row.admitted())
                    .add("throttled", row.throttled()));
        }
        return Json.createObjectBuilder()
                .add("scope", view.cluster() ? "cluster" : "host")
                .add("hosts", hosts)
                .add("tenancies", tenancies)
                .build()
                .toString();
    }
}
