package io.coffer.server.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostResourcesTest {

    private final TopologyPlan plan = new TopologyPlan(Path.of("/tmp/coffer-test"), 8000, 1, 1527, 61616, false);
    private final HostResources resources = new HostResources(
            plan, plan.host(1), new BuildArtifacts(Path.of("/tmp/coffer-checkout")), Deadlines.DEFAULTS);

    @Test
    void theResourcesAuthenticateWithPasswordAliasesNeverWithThePasswords(@TempDir Path checkout) throws Exception {
        Path rar = checkout.resolve("server-config/target/node/activemq-rar.rar");
        Files.createDirectories(rar.getParent());
        Files.writeString(rar, "a resource adapter");
        List<String> commands = new HostResources(plan, plan.host(1), new BuildArtifacts(checkout), Deadlines.DEFAULTS)
                .resourceCommands();

        assertThat(commands)
                .filteredOn(command ->
                        command.startsWith("create-jdbc-connection-pool") && command.contains("ClientXADataSource"))
                .hasSize(2)
                .allSatisfy(pool -> assertThat(pool).contains(":user=app:password='${ALIAS\\=coffer-derby-password}'"));
        assertThat(commands)
                .filteredOn(command -> command.startsWith("create-resource-adapter-config"))
                .singleElement()
                .asString()
                .contains(":UserName=coffer:Password='${ALIAS\\=coffer-broker-password}'");
        assertThat(String.join("\n", commands)).doesNotContain("Password=coffer");
        // not about credentials, but made in the same step: Coffer's periodic work gets more than Payara's one thread
        assertThat(commands).contains(HostResources.backgroundThreadsCommand());
    }

    @Test
    void everyHostOfEveryCellHasAPoolOnTheDerbyServerOfEachStore(@TempDir Path checkout) throws Exception {
        Path rar = checkout.resolve("server-config/target/node/activemq-rar.rar");
        Files.createDirectories(rar.getParent());
        Files.writeString(rar, "a resource adapter");
        TopologyPlan threeShards = new TopologyPlan(Path.of("/tmp/coffer-test"), 8000, 1, 1527, 61616, false, 3);

        for (TopologyPlan.HostPlan host : threeShards.hostPlans()) {
            List<String> commands = new HostResources(
                            threeShards, host, new BuildArtifacts(checkout), Deadlines.DEFAULTS)
                    .resourceCommands();

            assertThat(commands)
                    .as(host.name() + " of " + host.cell())
                    .filteredOn(command ->
                            command.startsWith("create-jdbc-connection-pool") && command.contains("ClientXADataSource"))
                    .hasSize(4)
                    .anySatisfy(pool -> assertThat(pool).contains("portNumber=1527:databaseName=coffer-base:"))
                    .anySatisfy(pool -> assertThat(pool).contains("portNumber=1527:databaseName=coffer-shard-0:"))
                    .anySatisfy(pool -> assertThat(pool).contains("portNumber=1528:databaseName=coffer-shard-1:"))
                    .anySatisfy(pool -> assertThat(pool).contains("portNumber=1529:databaseName=coffer-shard-2:"));
            assertThat(commands).contains("create-jdbc-resource --connectionpoolid coffer-shard-2 jdbc/coffer/shard-2");
        }
    }

    @Test
    void aDomainMadeBeforeCredentialsGetsThemOnEveryRemotePoolAndTheAdapter() {
        assertThat(resources.credentialCommands())
                .containsExactly(
                        "set resources.jdbc-connection-pool.coffer-base.property.user=app",
                        "set resources.jdbc-connection-pool.coffer-base.property.password=${ALIAS=coffer-derby-password}",
                        "set resources.jdbc-connection-pool.coffer-shard-0.property.user=app",
                        "set resources.jdbc-connection-pool.coffer-shard-0.property.password=${ALIAS=coffer-derby-password}",
                        "set resources.resource-adapter-config.activemq-rar.property.UserName=coffer",
                        "set resources.resource-adapter-config.activemq-rar.property.Password=${ALIAS=coffer-broker-password}");
    }

    @Test
    void theRemotePoolsAndTheAdapterWaitNoLongerThanTheDeadlines(@TempDir Path checkout) throws Exception {
        Path rar = checkout.resolve("server-config/target/node/activemq-rar.rar");
        Files.createDirectories(rar.getParent());
        Files.writeString(rar, "a resource adapter");
        var deadlines = new Deadlines(3, 4, 1500, 2000, 2500, 3500, 9000);
        List<String> commands =
                new HostResources(plan, plan.host(1), new BuildArtifacts(checkout), deadlines).resourceCommands();

        assertThat(commands)
                .filteredOn(command -> command.startsWith("create-jdbc-connection-pool") && command.contains("Client"))
                .hasSize(2)
                .allSatisfy(pool -> assertThat(pool)
                        .contains("--datasourceclassname io.coffer.server.derby.DeadlineClientXADataSource ")
                        .contains(" --maxwait 1500 ")
                        .contains(" --failconnection=false ")
                        .contains(":loginTimeout=3:readTimeout=4 "));
        assertThat(commands)
                .filteredOn(command -> command.startsWith("create-resource-adapter-config"))
                .singleElement()
                .asString()
                .contains("ServerUrl='tcp\\://127.0.0.1\\:61616?connectionTimeout\\=2000&soWriteTimeout\\=2500"
                        + "&wireFormat.maxInactivityDuration\\=9000&jms.sendTimeout\\=3500'");
    }

    @Test
    void aDomainMadeBeforeDeadlinesGetsThemOnEveryRemotePoolAndTheAdapterAndCoffersRequestThreads() {
        assertThat(resources.deadlineCommands())
                .containsExactly(
                        "set resources.jdbc-connection-pool.coffer-base.datasource-classname="
                                + "io.coffer.server.derby.DeadlineClientXADataSource",
                        "set resources.jdbc-connection-pool.coffer-base.max-wait-time-in-millis=5000",
                        "set resources.jdbc-connection-pool.coffer-base.fail-all-connections=false",
                        "set resources.jdbc-connection-pool.coffer-base.is-connection-validation-required=true",
                        "set resources.jdbc-connection-pool.coffer-base.connection-validation-method=custom-validation",
                        "set resources.jdbc-connection-pool.coffer-base.validation-classname="
                                + "org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
                        "set resources.jdbc-connection-pool.coffer-base.validate-atmost-once-period-in-seconds=2",
                        "set resources.jdbc-connection-pool.coffer-base.property.loginTimeout=2",
                        "set resources.jdbc-connection-pool.coffer-base.property.readTimeout=3",
                        "set resources.jdbc-connection-pool.coffer-shard-0.datasource-classname="
                                + "io.coffer.server.derby.DeadlineClientXADataSource",
                        "set resources.jdbc-connection-pool.coffer-shard-0.max-wait-time-in-millis=5000",
                        "set resources.jdbc-connection-pool.coffer-shard-0.fail-all-connections=false",
                        "set resources.jdbc-connection-pool.coffer-shard-0.is-connection-validation-required=true",
                        "set resources.jdbc-connection-pool.coffer-shard-0.connection-validation-method=custom-validation",
                        "set resources.jdbc-connection-pool.coffer-shard-0.validation-classname="
                                + "org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
                        "set resources.jdbc-connection-pool.coffer-shard-0.validate-atmost-once-period-in-seconds=2",
                        "set resources.jdbc-connection-pool.coffer-shard-0.property.loginTimeout=2",
                        "set resources.jdbc-connection-pool.coffer-shard-0.property.readTimeout=3",
                        "set resources.resource-adapter-config.activemq-rar.property.ServerUrl=tcp://127.0.0.1:61616"
                                + "?connectionTimeout=5000&soWriteTimeout=5000&wireFormat.maxInactivityDuration=10000"
                                + "&jms.sendTimeout=5000",
                        "set resources.connector-connection-pool.jms/coffer/pool.max-wait-time-in-millis=5000",
                        "set configs.config.server-config.thread-pools.thread-pool.http-thread-pool"
                                + ".max-thread-pool-size=32",
                        "set configs.config.server-config.transaction-service.property.xa-servername=coffer-host-1");
    }

    @Test
    void everyHostsTransactionManagerHasANameOfItsOwn() {
        TopologyPlan three = new TopologyPlan(Path.of("/tmp/coffer-test"), 8000, 3, 1527, 61616, false);

        List<String> names = List.of(1, 2, 3).stream()
                .map(index -> new HostResources(
                                three,
                                three.host(index),
                                new BuildArtifacts(Path.of("/tmp/coffer-checkout")),
                                Deadlines.DEFAULTS)
                        .deadlineCommands())
                .map(commands -> commands.get(commands.size() - 1))
                .toList();

        assertThat(names)
                .containsExactly(
                        "set configs.config.server-config.transaction-service.property.xa-servername=coffer-host-1",
                        "set configs.config.server-config.transaction-service.property.xa-servername=coffer-host-2",
                        "set configs.config.server-config.transaction-service.property.xa-servername=coffer-host-3");
    }
}
