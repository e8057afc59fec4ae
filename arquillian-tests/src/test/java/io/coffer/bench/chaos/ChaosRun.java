package io.coffer.bench.chaos;

import io.coffer.it.support.CofferCommand;
import io.coffer.it.support.CofferCommand.Outcome;
import io.coffer.it.support.Http;
import io.coffer.it.support.Operator;
import io.coffer.it.support.ReadAccessors;
import io.coffer.it.support.Secrets;
import io.coffer.it.support.Tenant;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs the faults one after another against a running three-host topology under a steady load, and audits the ledger
 * after each: inject, keep the load on through the outage, repair ({@code ./coffer start} after a kill, SIGCONT after
 * a freeze), wait until every host is healthy, pause the load, audit. Bounded: every wait has a deadline, and a
 * repair that fails twice ends the run.
 */
public final class ChaosRun {

    /**
     * @param outage          how long the load runs against a killed process before {@code ./coffer start}
     * @param suspension      how long a process stays frozen
     * @param settle          steady load before each fault
     * @param recoveryTimeout how long a repair may take before the host counts as not recovered
     * @param convergeTimeout how long the audit waits for every replica to equal its remote store
     */
    public record Settings(
            List<Fault> faults,
            int writers,
            double writesPerSecond,
            int readers,
            double readsPerSecond,
            Duration settle,
            Duration outage,
            Duration suspension,
            Duration recoveryTimeout,
            Duration convergeTimeout) {}

    /** One row of the report: a fault (or the steady load, or the end) and what the audit after it found. */
    public record Step(
            String what,
            Ledger.Window window,
            Duration restore,
            Duration healthy,
            Duration writesAgain,
            Audit.Result audit,
            String failure) {

        public boolean clean() {
            return failure == null && audit.clean();
        }
    }

    /** How long the load may drive a host armed with a failpoint before it counts as never reaching it. */
    private static final Duration HALT_TIMEOUT = Duration.ofMinutes(2);
    /** The bound of issue 8: other hosts accept writes again within this long after a host died. */
    private static final Duration WRITES_AFTER_HALT = Duration.ofSeconds(30);

    private final Path home;
    private final int derbyPort;
    private final List<String> hosts;
    private final List<String> topology;
    private final Settings settings;
    private final Consumer<String> say;

    /**
     * @param topology the options that name the topology for {@code ./coffer start} ({@code --home ...})
     */
    public ChaosRun(
            Path home,
            int derbyPort,
            List<String> hosts,
            List<String> topology,
            Settings settings,
            Consumer<String> say) {
        this.home = home;
        this.derbyPort = derbyPort;
        this.hosts = hosts;
        this.topology = topology;
        this.settings = settings;
        this.say = say;
    }

    public List<Step> run() throws Exception {
        Operator operator = Operator.of(home).ready(hosts.get(0));
        ReadAccessors.switchEverywhere(operator, hosts, "HYBRID");
        Secrets store = Secrets.in(Tenant.create(operator, hosts.get(0), "chaos"));
        Ledger ledger = new Ledger();
        Audit audit = new Audit(home, derbyPort, hosts, operator, store, settings.convergeTimeout());
        List<Step> steps = new ArrayList<>();
        say.accept(ChaosReport.header());
        try (Load load = new Load(
                store,
                hosts,
                ledger,
                settings.writers(),
                settings.writesPerSecond(),
                settings.readers(),
                settings.readsPerSecond())) {
            load.start();
            Http.sleep(settings.settle().toMillis());
            steps.add(audited("steady load, no fault", ledger, load, audit, null, null, null, null));
            for (Fault fault : settings.faults()) {
                load.resume();
                Http.sleep(settings.settle().toMillis());
                Step step = inject(fault, ledger, load, audit);
                steps.add(step);
                if (step.failure() != null && step.failure().startsWith("not repaired")) {
                    say.accept("!! " + step.failure() + ": the run ends here");
                    break;
                }
            }
        }
        steps.add(audited("end of the run", ledger, null, audit, null, null, null, null));
        return steps;
    }

    private Step inject(Fault fault, Ledger ledger, Load load, Audit audit) throws Exception {
        String what = fault.describe(settings.suspension());
        say.accept("== " + what);
        ProcessHandle process;
        try {
            process = fault.process(home);
        } catch (Exception missing) {
            return audited(what, ledger, load, audit, null, null, null, "not injected: " + missing.getMessage());
        }
        if (fault.kind() == Fault.Kind.HALT_AT) {
            return haltAt(fault, process, ledger, load, audit);
        }
        Instant repairStarted;
        Duration restore = Duration.ZERO;
        String failure = null;
        if (fault.kind() == Fault.Kind.KILL) {
            process.destroyForcibly();
            process.onExit().get();
            Http.sleep(settings.outage().toMillis());
            repairStarted = Instant.now();
            ledger.markRepair();
            failure = restart();
            restore = Duration.between(repairStarted, Instant.now());
        } else {
            Fault.signal(process, "STOP");
            Http.sleep(settings.suspension().toMillis());
            repairStarted = Instant.now();
            ledger.markRepair();
            Fault.signal(process, "CONT");
        }
        Duration healthy = awaitHealthy(repairStarted);
        if (healthy == null && failure == null) {
            failure = "not healthy within " + settings.recoveryTimeout().toSeconds() + " s after the repair";
        }
        return audited(what, ledger, load, audit, restore, healthy, ledger.writesAgainAfterRepair(), failure);
    }

    /**
     * Restarts the host with the fault's failpoint armed (the load paused and everything settled first, so that
     * nothing waits to be published or applied while it starts), lets the load drive it until it halts there by itself, keeps the load on
     * against the other hosts until one of them acknowledges a write again (at most {@link #WRITES_AFTER_HALT}), then
     * repairs it with a plain {@code ./coffer start}. Any 5xx but 503 meanwhile fails the step.
     */
    private Step haltAt(Fault fault, ProcessHandle running, Ledger ledger, Load load, Audit audit) throws Exception {
        String what = fault.describe(settings.suspension());
        load.pause();
        // Nothing left to publish or apply: the armed host must not reach its point while it starts.
        List<String> unsettled = audit.awaitSettled();
        if (!unsettled.isEmpty()) {
            load.resume();
            return audited(what, ledger, load, audit, null, null, null, "not armed: " + unsettled.get(0));
        }
        running.destroyForcibly();
        running.onExit().get();
        String failure = restart(fault.arming());
        ProcessHandle armed = null;
        if (failure == null) {
            try {
                armed = fault.process(home);
            } catch (Exception gone) {
                failure = "not armed: " + fault.target() + " is not running after ./coffer start: " + gone.getMessage();
            }
        }
        load.resume();
        if (failure != null) {
            return audited(what, ledger, load, audit, null, null, null, failure);
        }
        try {
            armed.onExit().get(HALT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException notReached) {
            armed.destroyForcibly();
            armed.onExit().get();
            failure = fault.target() + " did not reach " + fault.failpoint() + " within " + HALT_TIMEOUT.toSeconds()
                    + " s of load";
        }
        say.accept("   " + fault.target() + (failure == null ? " halted at " + fault.failpoint() : ": " + failure));
        ledger.markRepair();
        Instant halted = Instant.now();
        while (ledger.writesAgainAfterRepair() == null && Instant.now().isBefore(halted.plus(WRITES_AFTER_HALT))) {
            Http.sleep(200);
        }
        Duration writesAgain = ledger.writesAgainAfterRepair();
        if (failure == null && writesAgain == null) {
            failure = "no write was acknowledged within " + WRITES_AFTER_HALT.toSeconds() + " s of the halt";
        }
        long serverErrors = ledger.serverErrorsSoFar();
        if (failure == null && serverErrors > 0) {
            failure = serverErrors + " writes refused with a server error other than 503";
        }
        Instant repairStarted = Instant.now();
        String notRepaired = restart(Map.of());
        Duration restore = Duration.between(repairStarted, Instant.now());
        Duration healthy = awaitHealthy(repairStarted);
        if (failure == null) {
            failure = notRepaired != null
                    ? notRepaired
                    : healthy == null
                            ? "not healthy within " + settings.recoveryTimeout().toSeconds() + " s after the repair"
                            : null;
        }
        return audited(what, ledger, load, audit, restore, healthy, writesAgain, failure);
    }

    /** {@code ./coffer start}, once more if it fails; the failure (with its last lines) if it fails twice. */
    private String restart() {
        return restart(Map.of());
    }

    private String restart(Map<String, String> environment) {
        String failure = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            List<String> arguments = new ArrayList<>(List.of("start"));
            arguments.addAll(topology);
            Outcome started =
                    CofferCommand.run(settings.recoveryTimeout(), environment, arguments.toArray(String[]::new));
            if (started.exitCode() == 0) {
                return null;
            }
            failure = "not repaired: ./coffer start failed (exit " + started.exitCode() + "): "
                    + lastLines(started.all(), 4);
            say.accept("!! " + failure + (attempt == 1 ? "; once more" : ""));
        }
        return failure;
    }

    /** The time from the repair until every host's /health answers UP, or null if not within the recovery timeout. */
    private Duration awaitHealthy(Instant repairStarted) {
        Instant deadline = repairStarted.plus(settings.recoveryTimeout());
        for (String host : hosts) {
            Http.Reply health = Http.await(
                    Duration.between(Instant.now(), deadline),
                    reply -> reply.status() == 200 && reply.body().contains("\"status\":\"UP\""),
                    () -> Http.get(host + "/health"));
            if (health == null || health.status() != 200) {
                return null;
            }
        }
        return Duration.between(repairStarted, Instant.now());
    }

    private Step audited(
            String what,
            Ledger ledger,
            Load load,
            Audit audit,
            Duration restore,
            Duration healthy,
            Duration writesAgain,
            String failure)
            throws Exception {
        if (load != null) {
            load.pause();
        }
        Ledger.Window window = ledger.nextWindow();
        Audit.Result result;
        try {
            result = audit.check(ledger, load == null);
        } catch (Exception failed) {
            result = new Audit.Result(
                    ledger.acknowledgedWrites(), 0, 0, 0, 0, 0, null, List.of("not audited: " + failed));
        }
        Step step = new Step(what, window, restore, healthy, writesAgain, result, failure);
        say.accept(ChaosReport.row(step));
        result.problems().forEach(problem -> say.accept("   " + problem));
        return step;
    }

    private static String lastLines(String text, int count) {
        List<String> lines = text.strip().lines().toList();
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }
}
