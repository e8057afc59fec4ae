package io.coffer.server.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Condenses a host's {@code /admin/v1/replication} answer to {@code base@3 shard-0@17}. */
final class ReplicationSummary {

    private static final Pattern STORE =
            Pattern.compile("\\{[^{}]*\"applied\":(\\d+)[^{}]*\"store\":\"([a-z0-9-]+)\"[^{}]*}");

    private ReplicationSummary() {}

    static String of(String json) {
        StringBuilder summary = new StringBuilder();
        Matcher matcher = STORE.matcher(json);
        while (matcher.find()) {
            summary.append(summary.length() == 0 ? "" : " ")
                    .append(matcher.group(2))
                    .append('@')
                    .append(matcher.group(1));
        }
        return summary.length() == 0 ? "(nothing replicated yet)" : summary.toString();
    }
}
