package io.coffer.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads single values out of a /metrics page (Prometheus text format). */
final class PrometheusText {

    private final String text;

    PrometheusText(String text) {
        this.text = text;
    }

    /** The value of the series whose name and labels start as given, e.g. {@code coffer_store_read_seconds_sum{mp_scope="application",side="local",store="shard-0"}}. */
    double value(String series) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+|NaN)$")
                .matcher(text);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    /**
     * A quantile of a timer, in milliseconds. Payara 6.2025.9 prints timer quantiles in nanoseconds (while _sum is in
     * seconds), whatever the series name says.
     */
    double quantileMillis(String name, String labels, String quantile) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{" + Pattern.quote(labels) + ",quantile=\""
                        + Pattern.quote(quantile) + "\"\\} ([0-9.eE+-]+)$")
                .matcher(text);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) / 1_000_000.0 : Double.NaN;
    }
}
