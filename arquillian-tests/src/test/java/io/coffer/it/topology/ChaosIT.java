package io.coffer.it.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.bench.chaos.ChaosReport;
import io.coffer.bench.chaos.ChaosRun;
import io.coffer.bench.chaos.Fault;
import io.coffer.it.support.CofferCommand;
import io.coffer.it.support.CofferCommand.Outcome;
import io.coffer.it.support.TopologyProcesses;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The chaos run of {@code bench/chaos}, short: a three-host topology of its own under a small steady load of signed
 * writes and reads, one fault of each kind (kill -9, and SIGSTOP for 30 s, of a host, the broker and the Derby server,
 * each repaired as an operator would), and a host halted by a failpoint between the publisher's steps; after each the
 * ledger's audit: nothing acknowledged lost or duplicated, no version gaps, every secret ACTIVE again, every replica
 * equal to its remote store, every ACTIVE secret readable on every host.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosIT {

    private static final int PORT_BASE = 25500;
    private static final int DERBY_PORT = 25827;
    private static final Path HOME = Path.of(System.getProperty("coffer.topology.home") + "-chaos")
            .toAbsolutePath()
            .normalize();
    private static final List<String> TOPOLOGY = List.of(
            "--home",
            HOME.toString(),
            "--port-base",
            String.valueOf(PORT_BASE),
            "--derby-port",
            String.valueOf(DERBY_PORT),
            "--broker-port",
            "25816");
    private static final List<String> HOSTS =
            List.of("http://127.0.0.1:25580", "http://127.0.0.1:25680", "http://127.0.0.1:25780");

    @BeforeAll
    void startThreeHosts() {
        Outcome started = coffer(Duration.ofMinutes(20), "start", "--hosts", "3");
        assertThat(started.exitCode()).as(started.all()).isZero();
    }

    @Test
    @Order(1)
    void aKilledHostBrokerAndDerbyServerLoseNoAcknowledgedWrite() throws Exception {
        assertPasses(List.of(Fault.parse("kill:host-2"), Fault.parse("kill:broker"), Fault.parse("kill:derby")));
    }

    /**
     * Held back while the publisher sent in one XA transaction with the store: a frozen broker left the store's rows
     * locked after SIGCONT. The publisher now commits to the store alone and sends outside any transaction.
     */
    @Test
    @Order(2)
    void aHostBrokerAndDerbyServerFrozenFor30SecondsLoseNoAcknowledgedWrite() throws Exception {
        assertPasses(List.of(Fault.parse("stop:host-2"), Fault.parse("stop:broker"), Fault.parse("stop:derby")));
    }

    /**
     * Issue 8's "no cell-wide blocking after a crash", for the publisher: host-2 halts (as kill -9) right after its
     * log commit, and once more right after its send, before it records either's next step. Other hosts' writes go on
     * (no 5xx but 503, one acknowledged within 30 s), and after host-2 is started again every acknowledged write is
     * ACTIVE, exactly once in the remote store and in every replica.
     */
    @Test
    @Order(3)
    void aHostHaltedBetweenThePublishersStepsBlocksNoOtherHostAndLosesNoAcknowledgedWrite() throws Exception {
        assertPasses(List.of(
                Fault.parse("halt:host-2@publish.after-log-commit"), Fault.parse("halt:host-2@publish.after-send")));
    }

    /**
     * The same for apply: host-2 halts right after it committed an event to its local store, before the message is
     * acknowledged; started again, it gets the message again and skips it (at or below its bookmark).
     */
    @Test
    @Order(4)
    void aHostHaltedBetweenItsApplyAndTheAcknowledgementAppliesNothingTwice() throws Exception {
        assertPasses(List.of(Fault.parse("halt:host-2@apply.after-commit")));
    }

    /**
     * Issue 8's "no cell-wide blocking after a crash", for a write that spans two stores: CreateSecret commits the name
     * and route on the base store, then the secret on its shard, each store in a transaction of its own. host-2 halts
     * between the two, and once more with the shard's rows written and locked but not committed. No store is left with
     * a prepared branch: the dead host's connections close, the store rolls back what was open, and other hosts' writes
     * go on (one acknowledged within 30 s); after host-2 is started again nothing acknowledged is lost or doubled.
     */
    @Test
    @Order(5)
    void aHostHaltedInsideACreateThatSpansTwoStoresBlocksNoOtherHostAndLosesNoAcknowledgedWrite() throws Exception {
        assertPasses(List.of(
                Fault.parse("halt:host-2@secret-create.after-name"),
                Fault.parse("halt:host-2@secret-create.before-shard-commit")));
    }

    private static void assertPasses(List<Fault> faults) throws Exception {
        ChaosRun.Settings settings = new ChaosRun.Settings(
                faults,
                2,
                4,
                1,
                5,
                Duration.ofSeconds(10),
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                Duration.ofMinutes(10),
                Duration.ofMinutes(2));
        StringBuilder report = new StringBuilder();
        List<ChaosRun.Step> steps = new ChaosRun(HOME, DERBY_PORT, HOSTS, TOPOLOGY, settings, line -> {
                    System.out.println(line);
                    report.append(line).append('\n');
                })
                .run();

        assertThat(steps).hasSize(faults.size() + 2);
        assertThat(steps.get(steps.size() - 1).audit().acknowledged())
                .as(report.toString())
                .isPositive();
        assertThat(ChaosReport.passed(steps))
                .as("%s%n%s", report, ChaosReport.verdict(steps))
                .isTrue();
    }

    @AfterAll
    void stopLeavesNothingBehind() {
        Outcome stopped = coffer(Duration.ofMinutes(5), "stop");
        assertThat(stopped.exitCode()).as(stopped.all()).isZero();
        assertThat(TopologyProcesses.of(HOME))
                .as("processes of the topology after stop")
                .isEmpty();
    }

    private static Outcome coffer(Duration timeout, String command, String... more) {
        List<String> arguments = new ArrayList<>();
        arguments.add(command);
        arguments.addAll(TOPOLOGY);
        arguments.addAll(List.of(more));
        return CofferCommand.run(timeout, arguments.toArray(String[]::new));
    }
}
