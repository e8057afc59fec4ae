package io.coffer.server.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Test-only: which failpoints a host is started with. A test sets {@value #ENVIRONMENT} for one {@code ./coffer
 * start}, as {@code host-2:publish.after-log-commit=halt}, entries separated by {@code ;}; the named host's JVM then
 * gets {@code -Dcoffer.failpoints=publish.after-log-commit=halt} (see the app's {@code Failpoints}), every other host
 * none, and a host started without the variable loses what an earlier start armed. An operator never sets it.
 */
public final class FailpointArming {

    public static final String ENVIRONMENT = "COFFER_FAILPOINTS";
    /** The JVM option's key, as the app reads it. */
    static final String PROPERTY = "-Dcoffer.failpoints=";

    private FailpointArming() {}

    /** The {@code coffer.failpoints} value for that host, if the variable arms any of its points. */
    public static Optional<String> forHost(String environment, String host) {
        if (environment == null || environment.isBlank()) {
            return Optional.empty();
        }
        List<String> points = new ArrayList<>();
        for (String entry : environment.split(";")) {
            String trimmed = entry.trim();
            int colon = trimmed.indexOf(':');
            if (colon <= 0 || !trimmed.substring(colon + 1).contains("=")) {
                throw new CliException(
                        ENVIRONMENT + " lists host-N:point=action entries separated by ';', not \"" + trimmed + "\"");
            }
            if (trimmed.substring(0, colon).equals(host)) {
                points.add(trimmed.substring(colon + 1));
            }
        }
        return points.isEmpty() ? Optional.empty() : Optional.of(String.join(",", points));
    }
}
