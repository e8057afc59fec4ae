package io.coffer.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * The top of a JFR recording's execution samples: the methods on top of the stacks (self), the packages they belong
 * to, and the methods found anywhere in the stacks (inclusive), each as a share of all samples.
 */
final class JfrTop {

    private JfrTop() {}

    static List<String> of(Path recording, int lines) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> packages = new HashMap<>();
        Map<String, Integer> owners = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            String top = name(frames.get(0).getMethod());
            self.merge(top, 1, Integer::sum);
            packages.merge(packageOf(frames.get(0).getMethod()), 1, Integer::sum);
            owners.merge(owner(frames), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String method = name(frame.getMethod());
                if (seen.add(method)) {
                    inclusive.merge(method, 1, Integer::sum);
                }
            }
        }
        List<String> report = new ArrayList<>();
        report.add(samples + " execution samples");
        report.add("-- top frames (self)");
        report.addAll(top(self, samples, lines));
        report.add("-- self time by package");
        report.addAll(top(packages, samples, lines));
        report.add("-- by owner: the package of the first frame from the top that is not the JDK's");
        report.addAll(top(owners, samples, lines));
        report.add("-- inclusive (method anywhere on the stack)");
        report.addAll(top(inclusive, samples, lines * 2));
        return report;
    }

    private static List<String> top(Map<String, Integer> counts, int samples, int lines) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(lines)
                .map(entry -> String.format(
                        Locale.ROOT, "%6.1f%%  %s", 100.0 * entry.getValue() / Math.max(1, samples), entry.getKey()))
                .toList();
    }

    /** Who asked for the work: JDK frames (collections, crypto, reflection) count for the library that called them. */
    private static String owner(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (!(type.startsWith("java.")
                    || type.startsWith("javax.")
                    || type.startsWith("jdk.")
                    || type.startsWith("sun.")
                    || type.startsWith("com.sun.crypto."))) {
                return packageOf(frame.getMethod());
            }
        }
        return "the JDK alone";
    }

    private static String name(RecordedMethod method) {
        return method.getType().getName() + "." + method.getName();
    }

    private static String packageOf(RecordedMethod method) {
        String type = method.getType().getName();
        String[] parts = type.split("\\.");
        return String.join(".", java.util.Arrays.copyOf(parts, Math.min(3, Math.max(1, parts.length - 1))));
    }
}
