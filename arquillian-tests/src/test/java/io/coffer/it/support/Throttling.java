package io.coffer.it.support;

import io.coffer.it.support.Http.Reply;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The operator's throttling calls and the throttling metrics of a host, as the throttling tests use them. */
public final class Throttling {

    private Throttling() {}

    /** Sets a tenancy's limits through one host and waits until every given host enforces them. */
    public static void limit(Operator operator, String tenancyId, String json, String... hosts) {
        Reply set = operator.put(hosts[0] + "/admin/v1/tenancies/" + tenancyId + "/limits", json);
        if (set.status() != 200) {
            throw new AssertionError("setting limits of " + tenancyId + ": " + set.status() + " " + set.body());
        }
        String expected = set.json().getJsonObject("effective").toString();
        for (String host : hosts) {
            Reply followed = Http.await(
                    Duration.ofSeconds(30),
                    reply -> reply.status() == 200
                            && reply.json()
                                    .getJsonObject("effective")
                                    .toString()
                                    .equals(expected),
                    () -> operator.get(host + "/admin/v1/tenancies/" + tenancyId + "/limits"));
            if (followed == null
                    || !followed.json().getJsonObject("effective").toString().equals(expected)) {
                throw new AssertionError(host + " does not enforce " + expected + " for " + tenancyId + ": "
                        + (followed == null ? "no answer" : followed.body()));
            }
        }
    }

    /** A counter of a host's /metrics with the given tenancy and class (0 if it is not there yet). */
    public static double counter(String host, String name, String tenancyId, String operationClass) {
        Matcher lines = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} ([0-9.eE+-]+)$")
                .matcher(Http.get(host + "/metrics").body());
        double total = 0;
        while (lines.find()) {
            if (lines.group(1).contains("tenancy=\"" + tenancyId + "\"")
                    && lines.group(1).contains("class=\"" + operationClass + "\"")) {
                total += Double.parseDouble(lines.group(2));
            }
        }
        return total;
    }
}
