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
            long failedChecks,
            double cpuSeconds,
            long non2xx) {}

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
        return run(baseUrl, requests, threads, connections, seconds, workDir, whileRunning, null);
    }

    /**
     * @param expected text every response body must contain (besides status 200); null checks the status only. The
     *                 responses that fail the check are counted in {@link Result#failedChecks()}.
     */
    static Result run(
            String baseUrl,
            List<Request> requests,
            int threads,
            int connections,
            int seconds,
            Path workDir,
            Runnable whileRunning,
            String expected)
            throws IOException, InterruptedException {
        Path script = workDir.resolve("requests-" + System.nanoTime() + ".lua");
        java.net.URI base = java.net.URI.create(baseUrl);
        Files.writeString(
                script, lua(requests, base.getHost() + ":" + base.getPort(), expected), StandardCharsets.UTF_8);
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
                failedChecks(output),
                cpu[0],
                non2xx(output));
    }

    /** wrk.format adds no Host header before wrk has set up, so every request names its host (it is signed too). */
    private static String lua(List<Request> requests, String host, String expected) {
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
                // every response is checked in its thread; done() adds the threads' counts up
                .append("local expected = ")
                .append(expected == null ? "nil" : "\"" + escape(expected) + "\"")
                .append("\nfailures = 0\n")
                .append("local threads = {}\n")
                .append("function setup(thread)\n  table.insert(threads, thread)\nend\n")
                .append("response = function(status, headers, body)\n"
                        + "  if status ~= 200 or (expected and not string.find(body, expected, 1, true)) then\n"
                        + "    failures = failures + 1\n  end\nend\n")
                .append("function done(summary, latency, requests)\n  local total = 0\n"
                        + "  for _, thread in ipairs(threads) do total = total + thread:get(\"failures\") end\n"
                        + "  io.write(\"failed checks: \" .. total .. \"\\n\")\nend\n");
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

    /** -1 when wrk did not report its checks (the script's done() did not run). */
    private static long failedChecks(String output) {
        Matcher matcher = Pattern.compile("failed checks: (\\d+)").matcher(output);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    /** Answers that were not 2xx or 3xx (a 429, a 5xx), apart from the socket errors {@link #errors} adds. */
    private static long non2xx(String output) {
        Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(output);
        return non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0;
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
