package io.coffer.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Samples every TCP and UDP socket of a topology's processes five times a second (with {@code ss}) and records any
 * that listens on, or talks to, an address other than 127.0.0.1.
 */
public final class LoopbackWatch implements AutoCloseable {

    private static final Pattern PID = Pattern.compile("pid=(\\d+)");

    private final Path home;
    private final Set<String> violations = new LinkedHashSet<>();
    private final Set<Long> seenProcesses = new HashSet<>();
    private volatile boolean running = true;
    private int samples;
    private int socketsSeen;
    private final Thread sampler;

    public LoopbackWatch(Path home) {
        this.home = home;
        this.sampler = new Thread(this::sampleUntilClosed, "loopback-watch");
        this.sampler.setDaemon(true);
        this.sampler.start();
    }

    private void sampleUntilClosed() {
        while (running) {
            try {
                sample();
                Thread.sleep(200);
            } catch (InterruptedException interrupted) {
                return;
            } catch (IOException failure) {
                synchronized (violations) {
                    violations.add("could not sample sockets: " + failure.getMessage());
                }
            }
        }
    }

    private void sample() throws IOException, InterruptedException {
        Set<Long> pids = new HashSet<>(TopologyProcesses.of(home));
        if (pids.isEmpty()) {
            return;
        }
        Process ss = new ProcessBuilder("ss", "-H", "-tuanp")
                .redirectErrorStream(true)
                .start();
        String output = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ss.waitFor(5, TimeUnit.SECONDS);
        synchronized (violations) {
            samples++;
            seenProcesses.addAll(pids);
            for (String line : output.split("\n")) {
                Matcher pid = PID.matcher(line);
                boolean ours = false;
                while (pid.find()) {
                    ours |= pids.contains(Long.parseLong(pid.group(1)));
                }
                if (!ours) {
                    continue;
                }
                socketsSeen++;
                String[] columns = line.trim().split("\\s+");
                // netid state recv-q send-q local peer process
                String local = columns[4];
                String peer = columns[5];
                if (!isLoopback(local) || !(isLoopback(peer) || isUnconnected(peer))) {
                    violations.add(line.trim());
                }
            }
        }
    }

    static boolean isLoopback(String endpoint) {
        String host = endpoint.substring(0, endpoint.lastIndexOf(':'));
        host = host.replace("[", "").replace("]", "");
        return host.equals("127.0.0.1") || host.equals("::ffff:127.0.0.1");
    }

    static boolean isUnconnected(String peer) {
        return peer.equals("*:*")
                || peer.equals("0.0.0.0:*")
                || peer.equals("[::]:*")
                || peer.equals("[::ffff:0.0.0.0]:*");
    }

    public List<String> violations() {
        synchronized (violations) {
            return new ArrayList<>(violations);
        }
    }

    public String summary() {
        synchronized (violations) {
            return samples + " samples of " + seenProcesses.size() + " processes, " + socketsSeen
                    + " socket observations";
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join(5000);
    }
}
