package io.coffer.throttling.control;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One host's request counters as the text it publishes in the data grid, and the cluster's totals summed from every
 * host's text. A line per tenancy and operation class: {@code <tenancy> <class> <admitted> <throttled>}, the counts
 * since the host started. Tenancy ids and class labels have no spaces; a line that does not parse is skipped, so a
 * host of another version cannot break the sum.
 */
public final class TrafficCounts {

    /** A tenancy's requests of one class, admitted and throttled, since the counting hosts started. */
    public record Row(String tenancyId, String operationClass, long admitted, long throttled) {

        long total() {
            return admitted + throttled;
        }
    }

    private TrafficCounts() {}

    public static String encode(Collection<Row> rows) {
        StringBuilder text = new StringBuilder();
        for (Row row : rows) {
            if (row.total() > 0) {
                text.append(row.tenancyId())
                        .append(' ')
                        .append(row.operationClass())
                        .append(' ')
                        .append(row.admitted())
                        .append(' ')
                        .append(row.throttled())
                        .append('\n');
            }
        }
        return text.toString();
    }

    /** Every host's rows added up per tenancy and class, most requests first. */
    public static List<Row> sum(Collection<String> hostTexts) {
        Map<String, long[]> totals = new LinkedHashMap<>();
        for (String text : hostTexts) {
            for (String line : text.split("\n")) {
                String[] fields = line.split(" ");
                if (fields.length != 4) {
                    continue;
                }
                try {
                    long admitted = Long.parseLong(fields[2]);
                    long throttled = Long.parseLong(fields[3]);
                    long[] total = totals.computeIfAbsent(fields[0] + ' ' + fields[1], key -> new long[2]);
                    total[0] += admitted;
                    total[1] += throttled;
                } catch (NumberFormatException unreadable) {
                    // skipped, as said above
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        totals.forEach((key, total) -> {
            int space = key.indexOf(' ');
            rows.add(new Row(key.substring(0, space), key.substring(space + 1), total[0], total[1]));
        });
        rows.sort(Comparator.comparingLong(Row::total).reversed().thenComparing(Row::tenancyId));
        return rows;
    }
}
