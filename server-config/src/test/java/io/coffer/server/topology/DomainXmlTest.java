package io.coffer.server.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.server.topology.TopologyPlan.HostPlan;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class DomainXmlTest {

    /** The parts of a fresh Payara domain.xml that the patch touches. */
    private static final String FRESH = """
            <domain>
              <hazelcast-runtime-configuration/>
              <configs>
                <config name="server-config">
                  <network-config><network-listeners>
                    <network-listener name="http-listener-1" port="8080"/>
                  </network-listeners></network-config>
                  <iiop-service><iiop-listener id="orb-listener-1" address="0.0.0.0"/></iiop-service>
                  <jms-service type="EMBEDDED"/>
                  <transaction-service tx-log-dir="${com.sun.aas.instanceRoot}/logs"/>
                  <java-config><jvm-options>-Xmx512m</jvm-options></java-config>
                </config>
                <config name="default-config"><transaction-service/></config>
              </configs>
            </domain>
            """;

    @Test
    void aHostListensOnLoopbackOnlyWithoutPhoneHomeAndRecoversTransactionsAtStart() throws Exception {
        Document document = parsed(FRESH);
        TopologyPlan plan = new TopologyPlan(Path.of("/tmp/coffer-test"), 8000, 1, 1527, 61616, false);

        DomainXml.patch(document, plan, plan.host(1));

        Element serverConfig = (Element) document.getElementsByTagName("config").item(0);
        assertThat(attribute(serverConfig, "transaction-service", "automatic-recovery"))
                .isEqualTo("true");
        assertThat(transactionManagerName(serverConfig)).isEqualTo("coffer-host-1");
        assertThat(attribute(serverConfig, "network-listener", "address")).isEqualTo("127.0.0.1");
        assertThat(attribute(serverConfig, "iiop-listener", "address")).isEqualTo("127.0.0.1");
        assertThat(attribute(serverConfig, "jms-service", "type")).isEqualTo("DISABLED");
        assertThat(attribute(serverConfig, "thread-pool", "name")).isEqualTo("http-thread-pool");
        assertThat(attribute(serverConfig, "thread-pool", "max-thread-pool-size"))
                .isEqualTo(String.valueOf(DomainXml.REQUEST_THREADS));
        assertThat(attribute(document.getDocumentElement(), "phone-home-runtime-configuration", "enabled"))
                .isEqualTo("false");
        assertThat(attribute(document.getDocumentElement(), "hazelcast-runtime-configuration", "discovery-mode"))
                .isEqualTo("tcpip");
        assertThat(serverConfig.getElementsByTagName("java-config").item(0).getTextContent())
                .contains("-Dhazelcast.phone.home.enabled=false", "-Xmx768m")
                .doesNotContain("-Xmx512m");
        Element defaultConfig =
                (Element) document.getElementsByTagName("config").item(1);
        assertThat(attribute(defaultConfig, "transaction-service", "automatic-recovery"))
                .isEmpty();
    }

    @Test
    void theHttpListenersPoolGetsCoffersRequestThreadsAndNoOtherPoolChanges() throws Exception {
        Document document = parsed(FRESH.replace(
                "<java-config>",
                "<thread-pools><thread-pool name=\"admin-thread-pool\" max-thread-pool-size=\"15\"/>"
                        + "<thread-pool name=\"http-thread-pool\"/></thread-pools><java-config>"));
        TopologyPlan plan = new TopologyPlan(Path.of("/tmp/coffer-test"), 8000, 1, 1527, 61616, false);

        DomainXml.patch(document, plan, plan.host(1));
        DomainXml.patch(document, plan, plan.host(1));

        Element serverConfig = (Element) document.getElementsByTagName("config").item(0);
        NodeList pools = serverConfig.getElementsByTagName("thread-pool");
        assertThat(pools.getLength()).isEqualTo(2);
        assertThat(((Element) pools.item(0)).getAttribute("max-thread-pool-size"))
                .isEqualTo("15");
        assertThat(((Element) pools.item(1)).getAttribute("name")).isEqualTo("http-thread-pool");
        assertThat(((Element) pools.item(1)).getAttribute("max-thread-pool-size"))
                .isEqualTo(String.valueOf(DomainXml.REQUEST_THREADS));
    }

    @Test
    void eachHostNamesItsTransactionManagerOnceAndNoOtherConfigChanges() throws Exception {
        Document document = parsed(FRESH);
        TopologyPlan plan = new TopologyPlan(Path.of("/tmp/coffer-test"), 8000, 3, 1527, 61616, false);

        DomainXml.patch(document, plan, plan.host(3));
        DomainXml.patch(document, plan, plan.host(3));

        Element serverConfig = (Element) document.getElementsByTagName("config").item(0);
        Element transactions = (Element)
                serverConfig.getElementsByTagName("transaction-service").item(0);
        assertThat(transactions.getElementsByTagName("property").getLength()).isEqualTo(1);
        assertThat(transactionManagerName(serverConfig)).isEqualTo("coffer-host-3");
        Element defaultConfig =
                (Element) document.getElementsByTagName("config").item(1);
        assertThat(defaultConfig.getElementsByTagName("property").getLength()).isZero();
    }

    @Test
    void aHostKnowsItsCellEveryShardTheShardsItServesAndWhereOtherCellsReachIt() {
        TopologyPlan plan = new TopologyPlan(Path.of("/tmp/coffer-test"), 8000, 2, 1527, 61616, false, 2);

        assertThat(DomainXml.jvmOptions(plan, plan.host(2)))
                .contains(
                        "-Dcoffer.instance=host-2",
                        "-Dcoffer.cell=cell-0",
                        "-Dcoffer.shards=shard-0,shard-1",
                        "-Dcoffer.served-shards=shard-0",
                        "-Dcoffer.cell-url=https://127.0.0.1:8143",
                        "-Dcoffer.public-url=http://127.0.0.1:8180");
        assertThat(DomainXml.jvmOptions(plan, plan.host(3)))
                .contains(
                        "-Dcoffer.instance=host-3",
                        "-Dcoffer.cell=cell-1",
                        "-Dcoffer.shards=shard-0,shard-1",
                        "-Dcoffer.served-shards=shard-1",
                        "-Dcoffer.cell-url=https://127.0.0.1:8243");
    }

    @Test
    void withOneShardEveryHostIsOfTheBaseCellAndServesShard0() {
        TopologyPlan plan = new TopologyPlan(Path.of("/tmp/coffer-test"), 8000, 3, 1527, 61616, false);

        for (HostPlan host : plan.hostPlans()) {
            assertThat(DomainXml.jvmOptions(plan, host))
                    .contains(
                            "-Dcoffer.cell=cell-0",
                            "-Dcoffer.shards=shard-0",
                            "-Dcoffer.served-shards=shard-0",
                            "-Dcoffer.cell-url=" + host.cellUrl());
        }
    }

    @Test
    void aDomainMadeBeforeCellsGetsTheNewOptionsAtItsNextStartAndNoOptionTwice(@TempDir Path folder) throws Exception {
        Path domainXml = folder.resolve("domain.xml");
        // what an older build's domain of a host now in cell-1 holds: no served shards, no cell URL, the base cell
        Files.writeString(
                domainXml,
                FRESH.replace(
                        "<jvm-options>-Xmx512m</jvm-options>",
                        "<jvm-options>-Xmx768m</jvm-options><jvm-options>-Dcoffer.cell=cell-0</jvm-options>"
                                + "<jvm-options>-Dcoffer.shards=shard-0,shard-1</jvm-options>"
                                + "<jvm-options>-Djdk.net.hosts.file=/a/loopback-hosts</jvm-options>"));
        TopologyPlan plan = new TopologyPlan(Path.of("/tmp/coffer-test"), 8000, 1, 1527, 61616, false, 2);

        DomainXml.applyJvmOptions(domainXml, plan, plan.host(2));
        DomainXml.applyJvmOptions(domainXml, plan, plan.host(2));

        List<String> options = jvmOptions(parsed(Files.readString(domainXml)));
        assertThat(options)
                .containsAll(DomainXml.jvmOptions(plan, plan.host(2)))
                .contains(
                        "-Dcoffer.cell=cell-1",
                        "-Dcoffer.served-shards=shard-1",
                        "-Djdk.net.hosts.file=/a/loopback-hosts")
                .doesNotContain("-Dcoffer.cell=cell-0")
                .doesNotHaveDuplicates()
                .hasSize(DomainXml.jvmOptions(plan, plan.host(2)).size() + 1);
        Element java = (Element) parsed(Files.readString(domainXml))
                .getElementsByTagName("java-config")
                .item(0);
        assertThat(DomainXml.setJvmOptions(java, plan, plan.host(2)))
                .as("written only when it changes")
                .isFalse();
    }

    private static List<String> jvmOptions(Document document) {
        NodeList found = document.getElementsByTagName("jvm-options");
        List<String> options = new ArrayList<>();
        for (int i = 0; i < found.getLength(); i++) {
            options.add(found.item(i).getTextContent().trim());
        }
        return options;
    }

    private static Document parsed(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String transactionManagerName(Element config) {
        Element transactions =
                (Element) config.getElementsByTagName("transaction-service").item(0);
        NodeList properties = transactions.getElementsByTagName("property");
        for (int i = 0; i < properties.getLength(); i++) {
            Element property = (Element) properties.item(i);
            if (property.getAttribute("name").equals(DomainXml.TRANSACTION_MANAGER_NAME)) {
                return property.getAttribute("value");
            }
        }
        return null;
    }

    private static String attribute(Element root, String tag, String name) {
        return ((Element) root.getElementsByTagName(tag).item(0)).getAttribute(name);
    }

    @Test
    void aStartingServerKeepsItsClientPortClosedUntilTold() throws Exception {
        Document document = parsed(FRESH);

        assertThat(DomainXml.setClientListener(document, false)).isTrue();
        assertThat(attribute(document.getDocumentElement(), "network-listener", "enabled"))
                .isEqualTo("false");
        assertThat(DomainXml.setClientListener(document, false))
                .as("written only when it changes")
                .isFalse();
    }

    @Test
    void aClientPortOpenedOnceIsKnownOpenUntilTheNextStartClosesIt() throws Exception {
        Document document = parsed(FRESH);
        DomainXml.setClientListener(document, false);
        assertThat(DomainXml.clientListenerEnabled(document)).isFalse();

        // what asadmin's set ...enabled=true writes back into domain.xml
        DomainXml.setClientListener(document, true);
        assertThat(DomainXml.clientListenerEnabled(document)).isTrue();
    }

    @Test
    void aJvmOptionIsSetOnceAndReplacedByKey(@TempDir Path folder) throws Exception {
        Path domainXml = folder.resolve("domain.xml");
        Files.writeString(domainXml, FRESH);

        DomainXml.setJvmOption(domainXml, "-Djdk.net.hosts.file=/a/loopback-hosts");
        DomainXml.setJvmOption(domainXml, "-Djdk.net.hosts.file=/a/loopback-hosts");
        DomainXml.setJvmOption(domainXml, "-Djdk.net.hosts.file=/b/loopback-hosts");

        NodeList options = parsed(Files.readString(domainXml)).getElementsByTagName("jvm-options");
        assertThat(options.getLength()).isEqualTo(2);
        assertThat(options.item(0).getTextContent()).isEqualTo("-Xmx512m");
        assertThat(options.item(1).getTextContent()).isEqualTo("-Djdk.net.hosts.file=/b/loopback-hosts");
    }

    @Test
    void aStartingServerGetsTheCellListenerClosedWithItsStoresBehindPasswordAliases() throws Exception {
        Document document = parsed(FRESH.replace(
                "<jms-service",
                "<http-service><virtual-server id=\"server\" network-listeners=\"http-listener-1,"
                        + " http-listener-2\"/></http-service><jms-service"));
        HostPlan host = new TopologyPlan(Path.of("/tmp/coffer-test"), 8000, 2, 1527, 61616, false).host(2);
        Path keyStore = Path.of("/home/pki/cell-0.p12");
        Path trustStore = Path.of("/home/pki/truststore.p12");

        assertThat(DomainXml.prepareCellListener(document, host, keyStore, "cell-0", trustStore))
                .isTrue();

        Element listener = named(document, "network-listener", "coffer-cell");
        assertThat(listener.getAttribute("address")).isEqualTo("127.0.0.1");
        assertThat(listener.getAttribute("port")).isEqualTo("8143");
        assertThat(listener.getAttribute("protocol")).isEqualTo("coffer-cell");
        assertThat(listener.getAttribute("enabled")).isEqualTo("false");
        Element protocol = named(document, "protocol", "coffer-cell");
        assertThat(protocol.getAttribute("security-enabled")).isEqualTo("true");
        Element ssl = (Element) protocol.getElementsByTagName("ssl").item(0);
        assertThat(ssl.getAttribute("client-auth-enabled")).isEqualTo("true");
        assertThat(ssl.getAttribute("cert-nickname")).isEqualTo("cell-0");
        assertThat(ssl.getAttribute("key-store")).isEqualTo("/home/pki/cell-0.p12");
        assertThat(ssl.getAttribute("trust-store")).isEqualTo("/home/pki/truststore.p12");
        assertThat(ssl.getAttribute("key-store-password")).isEqualTo("${ALIAS=coffer-cell-keystore-password}");
        assertThat(ssl.getAttribute("trust-store-password")).isEqualTo("${ALIAS=coffer-cell-truststore-password}");
        assertThat(ssl.hasAttribute("classname"))
                .as("Payara's own SSL would use the domain's key store")
                .isFalse();
        assertThat(((Element) protocol.getElementsByTagName("http").item(0)).getAttribute("default-virtual-server"))
                .isEqualTo("server");
        assertThat(attribute(document.getDocumentElement(), "virtual-server", "network-listeners"))
                .isEqualTo("http-listener-1,http-listener-2,coffer-cell");

        assertThat(DomainXml.prepareCellListener(document, host, keyStore, "cell-0", trustStore))
                .as("written only when it changes")
                .isFalse();
        // what asadmin's set ...enabled=true writes back once the server opened it: the next start closes it again
        listener.setAttribute("enabled", "true");
        assertThat(DomainXml.prepareCellListener(document, host, keyStore, "cell-0", trustStore))
                .isTrue();
        assertThat(listener.getAttribute("enabled")).isEqualTo("false");
        assertThat(document.getElementsByTagName("network-listener").getLength())
                .isEqualTo(2);
    }

    private static Element named(Document document, String tag, String name) {
        NodeList found = document.getElementsByTagName(tag);
        for (int i = 0; i < found.getLength(); i++) {
            Element element = (Element) found.item(i);
            if (name.equals(element.getAttribute("name"))) {
                return element;
            }
        }
        throw new AssertionError("no " + tag + " named " + name);
    }

    @Test
    void aDomainFromBeforeGetsCoffersBackgroundThreadsAtItsNextStartAndAFreshOneIsLeftToItsFirstStart()
            throws Exception {
        Document started = parsed("<domain><resources>"
                + "<managed-scheduled-executor-service jndi-name=\"concurrent/__defaultManagedScheduledExecutorService\"/>"
                + "<managed-scheduled-executor-service jndi-name=\"concurrent/other\" core-pool-size=\"1\"/>"
                + "</resources></domain>");

        assertThat(DomainXml.setBackgroundThreads(started)).isTrue();
        assertThat(DomainXml.setBackgroundThreads(started)).isFalse();
        NodeList executors = started.getElementsByTagName("managed-scheduled-executor-service");
        assertThat(((Element) executors.item(0)).getAttribute("core-pool-size"))
                .isEqualTo(String.valueOf(HostResources.BACKGROUND_THREADS));
        assertThat(((Element) executors.item(1)).getAttribute("core-pool-size")).isEqualTo("1");

        assertThat(DomainXml.setBackgroundThreads(parsed(FRESH))).isFalse();
    }
}
