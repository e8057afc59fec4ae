package io.coffer.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives wrk (Debian's package) with requests signed once and replayed: OCI signatures stay valid for five minutes,
 * and wrk sends fixed headers at almost no cost, so the load generator is not what limits a 2-core machine.
 */
final class Wrk {

    /** One request: method, path, and its headers (signed). */
    record Request(String method, String path, Map<String, String> headers) {}

    /** What wrk measured. */
    record Result(
            double requestsPerSecond,
            double p50Millis,
            double p90Millis,
            double p99Millis,
            long requests,
            long errors,
            double cpuSeconds) {}

    private Wrk() {}

    static Result run(
            String baseUrl,
            List<Request> requests,
            int threads,
            int connections,
            int seconds,
            Path workDir,
            Runnable whileRunning)
            throws IOException, InterruptedException {
        Path script = workDir.resolve("requests-" + System.nanoTime() + ".lua");
        java.net.URI base = java.net.URI.create(baseUrl);
        Files.writeString(script, lua(requests, base.getHost() + ":" + base.getPort()), StandardCharsets.UTF_8);
        Process wrk = new ProcessBuilder(
                        "wrk",
                        "-t" + threads,
                        "-c" + connections,
                        "-d" + seconds + "s",
                        "--latency",
                        "-s",
                        script.toString(),
                        baseUrl)
                .redirectErrorStream(true)
                .start();
        if (whileRunning != null) {
            whileRunning.run();
        }
        double[] cpu = new double[1];
        Thread sampler = new Thread(
                () -> {
                    while (wrk.isAlive()) {
                        double used = ProcessCpu.seconds(wrk.pid());
                        if (used > 0) {
                            cpu[0] = used;
                        }
                        try {
                            Thread.sleep(200);
                        } catch (InterruptedException stop) {
                            return;
                        }
                    }
                },
                "wrk-cpu");
        sampler.setDaemon(true);
        sampler.start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!wrk.waitFor(seconds + 60L, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
            throw new IOException("wrk failed: " + output);
        }
        return new Result(
                number(output, "Requests/sec:\\s+([0-9.]+)"),
                millis(output, "50%"),
                millis(output, "90%"),
                millis(output, "99%"),
                (long) number(output, "(\\d+) requests in"),
                errors(output),
                cpu[0]);
    }

    /** wrk.format adds no Host header before wrk has set up, so every request names its host (it is signed too). */
    private static String lua(List<Request> requests, String host) {
        StringBuilder lua = new StringBuilder("local requests = {}\n");
        int index = 1;
        for (Request request : requests) {
            lua.append("requests[")
                    .append(index++)
                    .append("] = wrk.format(\"")
                    .append(request.method())
                    .append("\", \"")
                    .append(escape(request.path()))
                    .append("\", {[\"Host\"] = \"")
                    .append(host)
                    .append("\", ");
            request.headers()
                    .forEach((name, value) -> lua.append("[\"")
                            .append(name)
                            .append("\"] = \"")
                            .append(escape(value))
                            .append("\", "));
            lua.append("}, nil)\n");
        }
        lua.append("local counter = 0\n")
                .append(
                        "request = function()\n  counter = counter + 1\n  return requests[(counter % #requests) + 1]\nend\n")
                .append("local failures = 0\n")
                .append(
                        "response = function(status, headers, body)\n  if status ~= 200 then failures = failures + 1 end\nend\n");
        return lua.toString();
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static double millis(String output, String percentile) {
        Matcher matcher = Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([0-9.]+)(us|ms|s)")
                .matcher(output);
        if (!matcher.find()) {
            return Double.NaN;
        }
        double value = Double.parseDouble(matcher.group(1));
        return switch (matcher.group(2)) {
            case "us" -> value / 1000.0;
            case "s" -> value * 1000.0;
            default -> value;
        };
    }

    private static double number(String output, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(output);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }

    private static long errors(String output) {
        Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(output);
        long errors = non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0;
        Matcher socket = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)")
                .matcher(output);
        if (socket.find()) {
            for (int i = 1; i <= 4; i++) {
                errors += Long.parseLong(socket.group(i));
            }
        }
        return errors;
    }
}
