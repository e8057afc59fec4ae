package io.coffer.server.topology;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Waiting for a host to be healthy, and telling a host that failed to start from one whose dependencies are down. */
final class HostHealth {

    private static final Pattern DOWN_CHECK = Pattern.compile("\"name\":\"([^\"]+)\",\"status\":\"DOWN\"");

    private final HostNode node;

    HostHealth(HostNode node) {
        this.node = node;
    }

    /**
     * Waits until /health answers UP, watching the server it waits for. A server that exits, or that stays alive
     * without its PID file (Payara's "Failed to start, exiting"), or that never answers, is a {@link FailedStart};
     * one that answers with checks DOWN is not (their cause lies elsewhere), and the message names them.
     */
    void await(Duration timeout) {
        ProcessHandle server = node.running()
                .orElseThrow(() -> new FailedStart(node.plan().name() + " is not running; see " + node.serverLog()));
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        String last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive()) {
                throw new FailedStart(node.plan().name() + " (pid " + server.pid() + ") exited during start-up; see "
                        + node.serverLog());
            }
            if (node.running().isEmpty()) {
                throw new FailedStart(
                        node.plan().name() + " (pid " + server.pid() + ") removed its PID file but kept running:"
                                + " its start failed inside the server; see " + node.serverLog());
            }
            try {
                HttpResponse<String> health = client.send(
                        HttpRequest.newBuilder(URI.create(node.plan().url() + "/health"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"status\":\"UP\"")) {
                    return;
                }
                if (health.body().contains("\"checks\"")) {
                    last = health.body();
                }
            } catch (IOException notYet) {
                // not answering yet
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new CliException("interrupted");
            }
            Processes.sleep(1000);
        }
        if (last == null) {
            throw new FailedStart(node.plan().name() + " did not answer "
                    + node.plan().url() + "/health within " + timeout.toSeconds() + " s; see " + node.serverLog());
        }
        throw new CliException(node.plan().name() + " is not healthy after " + timeout.toSeconds() + " s: "
                + downChecks(last) + " down (" + last + "); see " + node.serverLog());
    }

    /** The names of the checks a health answer reports DOWN, e.g. {@code broker, replicas}. */
    static String downChecks(String health) {
        Matcher down = DOWN_CHECK.matcher(health);
        List<String> names = new ArrayList<>();
        while (down.find()) {
            names.add(down.group(1));
        }
        return names.isEmpty() ? "no check" : String.join(", ", names);
    }
}
