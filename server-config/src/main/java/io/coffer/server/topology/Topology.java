package io.coffer.server.topology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts, stops and describes a Coffer topology on one machine: the Derby network server of the remote stores, the
 * JMS broker, and N Payara Server hosts, each with its own local store, clustered through Payara's data grid.
 */
public final class Topology {

    private static final Duration HEALTH_TIMEOUT = Duration.ofMinutes(4);

    private final TopologyPlan plan;
    private final BuildArtifacts artifacts;
    private final Progress progress;
    private final DerbyServer derby;
    private final BrokerServer broker;

    public Topology(TopologyPlan plan, BuildArtifacts artifacts, Progress progress) {
        this.plan = plan;
        this.artifacts = artifacts;
        this.progress = progress;
        this.derby = new DerbyServer(plan, artifacts);
        this.broker = new BrokerServer(plan, artifacts);
    }

    public TopologyPlan plan() {
        return plan;
    }

    /** Starts everything that is not running yet; {@code deploy=false} leaves the EAR to someone else (tests). */
    public void start(boolean deploy) throws IOException {
        checkHome();
        progress.step("check that the ports are free", this::checkPortsFree);
        Files.createDirectories(plan.logs());
        Files.createDirectories(plan.runDir());
        progress.step(
                "Payara Server " + plan.payaraHome(),
                () -> PayaraInstall.ensure(artifacts.payaraZip(), plan.payaraHome()));
        progress.step(
                "Derby network server on 127.0.0.1:" + plan.derbyPort() + " (log " + derby.log() + ")", derby::start);
        progress.step("JMS broker on " + plan.brokerUrl() + " (log " + broker.log() + ")", broker::start);
        List<HostNode> hosts = hosts();
        // Two at a time: each domain start is CPU-bound for a while, and a 2-core machine is the baseline.
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(2, hosts.size()));
        try {
            List<Future<?>> started = new ArrayList<>();
            for (HostNode host : hosts) {
                started.add(pool.submit(() -> {
                    startHost(host, deploy);
                    return null;
                }));
            }
            awaitAll(started);
        } finally {
            pool.shutdownNow();
        }
    }

    private void startHost(HostNode host, boolean deploy) throws IOException {
        String name = host.plan().name();
        if (!host.provisioned()) {
            progress.step(name + ": create domain (port base " + host.plan().portBase() + ")", host::create);
            progress.step(name + ": start domain", host::start);
            progress.step(name + ": create JDBC and JMS resources", host::configure);
        } else {
            progress.step(name + ": start domain (log " + host.serverLog() + ")", host::start);
        }
        if (deploy) {
            progress.step(name + ": deploy " + artifacts.ear().getFileName(), () -> {
                host.deploy();
            });
            progress.step(
                    name + ": wait until healthy at " + host.plan().url() + "/health",
                    () -> host.awaitHealthy(HEALTH_TIMEOUT));
        }
    }

    /** Stops the hosts, then the broker, then Derby: exactly the processes this topology started. */
    public List<String> stop() {
        List<String> leftovers = new ArrayList<>();
        for (HostNode host : hosts()) {
            if (host.running().isPresent()) {
                progress.step(host.plan().name() + ": stop domain", host::stop);
            }
            host.running().ifPresent(process -> leftovers.add(host.plan().name() + " (pid " + process.pid() + ")"));
        }
        if (broker.running().isPresent()) {
            progress.step("stop JMS broker", () -> {
                broker.stop();
            });
        }
        broker.running().ifPresent(process -> leftovers.add("broker (pid " + process.pid() + ")"));
        if (derby.running().isPresent()) {
            progress.step("stop Derby network server", () -> {
                derby.stop();
            });
        }
        derby.running().ifPresent(process -> leftovers.add("derby (pid " + process.pid() + ")"));
        return leftovers;
    }

    public List<HostNode> hosts() {
        return plan.hostPlans().stream()
                .map(host -> new HostNode(plan, host, artifacts))
                .toList();
    }

    public Optional<ProcessHandle> derbyProcess() {
        return derby.running();
    }

    public Optional<ProcessHandle> brokerProcess() {
        return broker.running();
    }

    public Path derbyLog() {
        return derby.log();
    }

    public Path brokerLog() {
        return broker.log();
    }

    /** Every port something is about to listen on, before anything starts: a conflict leaves nothing half-started. */
    private void checkPortsFree() {
        List<TopologyPlan.NamedPort> needed = new ArrayList<>();
        if (derby.running().isEmpty()) {
            needed.add(new TopologyPlan.NamedPort(
                    "Derby network server; choose another with --derby-port", plan.derbyPort()));
        }
        if (broker.running().isEmpty()) {
            needed.add(new TopologyPlan.NamedPort("JMS broker; choose another with --broker-port", plan.brokerPort()));
        }
        for (HostNode host : hosts()) {
            if (host.running().isEmpty()) {
                host.plan()
                        .ports()
                        .forEach(port -> needed.add(new TopologyPlan.NamedPort(
                                port.what() + "; choose other ports with --port-base", port.port())));
            }
        }
        for (TopologyPlan.NamedPort port : needed) {
            if (!Processes.free(port.port())) {
                throw new CliException(
                        "port " + port.port() + " is already in use by another process (" + port.what() + ")");
            }
        }
    }

    private void checkHome() {
        String home = plan.home().toString();
        if (home.contains(" ") || home.contains(":") || home.contains("=")) {
            throw new CliException("COFFER_HOME " + home + " must not contain spaces, ':' or '='");
        }
    }

    private static void awaitAll(List<Future<?>> futures) {
        CliException first = null;
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (ExecutionException failed) {
                Throwable cause = failed.getCause();
                if (first == null) {
                    first = cause instanceof CliException cli ? cli : new CliException(cause.getMessage(), cause);
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new CliException("interrupted");
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
