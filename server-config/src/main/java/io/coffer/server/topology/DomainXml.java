package io.coffer.server.topology;

import io.coffer.server.topology.TopologyPlan.HostPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The edits that make a freshly created Payara domain a Coffer host, applied to its domain.xml before the domain
 * first starts: every listener on 127.0.0.1, the built-in OpenMQ broker disabled (it binds every interface),
 * Payara's and Hazelcast's phone-home off, the data grid joined over TCP/IP on loopback, transaction recovery at
 * start, enough request threads, and Coffer's JVM options.
 */
public final class DomainXml {

    private DomainXml() {}

    public static void patch(Path domainXml, TopologyPlan plan, HostPlan host) throws IOException {
        Document document = read(domainXml);
        patch(document, plan, host);
        write(document, domainXml);
    }

    static void patch(Document document, TopologyPlan plan, HostPlan host) {
        Element domain = document.getDocumentElement();

        Element grid = child(domain, "hazelcast-runtime-configuration");
        grid.setAttribute("discovery-mode", "tcpip");
        grid.setAttribute("tcpip-members", plan.hazelcastMembers());
        grid.setAttribute("interface", "127.0.0.1");
        grid.setAttribute("das-bind-address", "127.0.0.1");
        grid.setAttribute("das-public-address", "127.0.0.1");
        grid.setAttribute("das-port", String.valueOf(host.hazelcastPort()));
        grid.setAttribute("start-port", String.valueOf(host.hazelcastPort()));
        grid.setAttribute("auto-increment-port", "false");
        grid.setAttribute("cluster-group-name", "coffer");

        child(domain, "phone-home-runtime-configuration").setAttribute("enabled", "false");

        // H2 backs Payara's timer pool; its AUTO_SERVER mode would open a TCP server.
        for (Element property : elements(domain, "property")) {
            String value = property.getAttribute("value");
            if (value.startsWith("jdbc:h2:") && value.contains(";AUTO_SERVER=TRUE")) {
                property.setAttribute("value", value.replace(";AUTO_SERVER=TRUE", ""));
            }
        }

        Element config = serverConfig(domain);
        for (String listener : List.of("network-listener", "iiop-listener", "jmx-connector")) {
            elements(config, listener).forEach(element -> element.setAttribute("address", "127.0.0.1"));
        }
        Element jms = child(config, "jms-service");
        jms.setAttribute("type", "DISABLED");
        if (!jms.hasAttribute("default-jms-host")) {
            jms.setAttribute("default-jms-host", "default_JMS_host");
        }

        // A host killed between the two phases of a commit leaves its transaction prepared in the stores, holding
        // row locks that block every host's writes; recovery at start resolves it from this host's transaction log,
        // and touches only the branches that carry this host's own name.
        Element transactions = child(config, "transaction-service");
        transactions.setAttribute("automatic-recovery", "true");
        setProperty(transactions, TRANSACTION_MANAGER_NAME, host.transactionManagerName());

        requestThreads(config).setAttribute("max-thread-pool-size", String.valueOf(REQUEST_THREADS));

        setJvmOptions(child(config, "java-config"), plan, host);
    }

    /**
     * The most threads that serve HTTP requests at once. Payara's default is 5: five requests waiting (for a remote
     * store's reply, for the data grid, for a throttling bucket's refill) then stop every other request of the host,
     * including those that need nothing that is slow. Threads are created as requests need them.
     */
    static final int REQUEST_THREADS = 32;

    /** The transaction-service property that names the transaction manager in its XA ids (Payara's JTS). */
    static final String TRANSACTION_MANAGER_NAME = "xa-servername";

    /** Sets a {@code <property name= value=>} child of an element, replacing one of that name. */
    private static void setProperty(Element parent, String name, String value) {
        for (Element property : elements(parent, "property")) {
            if (name.equals(property.getAttribute("name")) && property.getParentNode() == parent) {
                property.setAttribute("value", value);
                return;
            }
        }
        Element property = parent.getOwnerDocument().createElement("property");
        property.setAttribute("name", name);
        property.setAttribute("value", value);
        parent.appendChild(property);
    }

    /** The HTTP listeners' thread pool of the server's configuration, created if missing. */
    private static Element requestThreads(Element config) {
        Element pools = child(config, "thread-pools");
        for (Element pool : elements(pools, "thread-pool")) {
            if ("http-thread-pool".equals(pool.getAttribute("name"))) {
                return pool;
            }
        }
        Element created = config.getOwnerDocument().createElement("thread-pool");
        created.setAttribute("name", "http-thread-pool");
        pools.appendChild(created);
        return created;
    }

    /** The network listener of Coffer's HTTP port, the one clients use. */
    static final String CLIENT_LISTENER = "http-listener-1";

    /**
     * Before a start: the server comes up with its client port closed, and opens it once Coffer is deployed on it
     * ({@link HostNode#openToClients}). Payara serves that port while it is still loading its applications, and
     * answered a client's request then with its own 403, 404 or 500 pages (a 404 for a secret that exists); a closed
     * port tells the client to retry elsewhere or later. domain.xml is written only when it changes.
     */
    public static void closeToClients(Path domainXml) throws IOException {
        Document document = read(domainXml);
        if (setClientListener(document, false)) {
            write(document, domainXml);
        }
    }

    /** Whether domain.xml has the client port open (a running server's, once opened, or one never closed). */
    public static boolean clientListenerEnabled(Path domainXml) throws IOException {
        return clientListenerEnabled(read(domainXml));
    }

    static boolean clientListenerEnabled(Document document) {
        for (Element listener : elements(serverConfig(document.getDocumentElement()), "network-listener")) {
            if (CLIENT_LISTENER.equals(listener.getAttribute("name"))) {
                // Payara's default for a listener without the attribute is enabled
                return !"false".equals(listener.getAttribute("enabled"));
            }
        }
        return false;
    }

    /** @return whether the document changed */
    static boolean setClientListener(Document document, boolean enabled) {
        boolean changed = false;
        for (Element listener : elements(serverConfig(document.getDocumentElement()), "network-listener")) {
            if (CLIENT_LISTENER.equals(listener.getAttribute("name"))
                    && !String.valueOf(enabled).equals(listener.getAttribute("enabled"))) {
                listener.setAttribute("enabled", String.valueOf(enabled));
                changed = true;
            }
        }
        return changed;
    }

    /** The network listener (and its protocol) that other cells' hosts reach this host through. */
    static final String CELL_LISTENER = "coffer-cell";
    /** Payara password aliases of the cell key store's and the trust store's passwords (see {@link HostResources}). */
    static final String CELL_KEY_STORE_ALIAS = "coffer-cell-keystore-password";

    static final String TRUST_STORE_ALIAS = "coffer-cell-truststore-password";

    /**
     * Before a start: the cell-internal listener on 127.0.0.1, HTTPS that requires a client certificate, with the
     * cell's key store and a trust store that holds only Coffer's CA; it serves the applications of the virtual server
     * {@code server}, as the client port does. It starts closed, like the client port, and opens once the password
     * aliases of its stores exist and Coffer is deployed ({@link HostNode#openCellListener}). domain.xml is written only
     * when it changes.
     */
    public static void prepareCellListener(Path domainXml, HostPlan host, Path keyStore, String cell, Path trustStore)
            throws IOException {
        Document document = read(domainXml);
        if (prepareCellListener(document, host, keyStore, cell, trustStore)) {
            write(document, domainXml);
        }
    }

    /** @return whether the document changed */
    static boolean prepareCellListener(Document document, HostPlan host, Path keyStore, String cell, Path trustStore) {
        Element config = serverConfig(document.getDocumentElement());
        Element network = child(config, "network-config");
        boolean changed = false;

        Element protocol = named(child(network, "protocols"), "protocol", "name", CELL_LISTENER);
        changed |= set(protocol, "security-enabled", "true");
        Element http = child(protocol, "http");
        changed |= set(http, "default-virtual-server", "server");
        if (elements(http, "file-cache").isEmpty()) {
            child(http, "file-cache");
            changed = true;
        }
        // No classname: Payara's own SSL implementation would use the domain's key store, not this one.
        Element ssl = child(protocol, "ssl");
        changed |= set(ssl, "client-auth-enabled", "true");
        changed |= set(ssl, "cert-nickname", cell);
        changed |= set(ssl, "key-store", keyStore.toString());
        changed |= set(ssl, "key-store-type", "PKCS12");
        changed |= set(ssl, "key-store-password", "${ALIAS=" + CELL_KEY_STORE_ALIAS + "}");
        changed |= set(ssl, "trust-store", trustStore.toString());
        changed |= set(ssl, "trust-store-type", "PKCS12");
        changed |= set(ssl, "trust-store-password", "${ALIAS=" + TRUST_STORE_ALIAS + "}");

        Element listener = named(child(network, "network-listeners"), "network-listener", "name", CELL_LISTENER);
        changed |= set(listener, "protocol", CELL_LISTENER);
        changed |= set(listener, "address", "127.0.0.1");
        changed |= set(listener, "port", String.valueOf(host.cellPort()));
        changed |= set(listener, "thread-pool", "http-thread-pool");
        changed |= set(listener, "transport", "tcp");
        changed |= set(listener, "enabled", "false");

        Element server = named(child(config, "http-service"), "virtual-server", "id", "server");
        List<String> served = new ArrayList<>();
        for (String name : server.getAttribute("network-listeners").split(",")) {
            if (!name.isBlank()) {
                served.add(name.strip());
            }
        }
        if (!served.contains(CELL_LISTENER)) {
            served.add(CELL_LISTENER);
            server.setAttribute("network-listeners", String.join(",", served));
            changed = true;
        }
        return changed;
    }

    /** Whether domain.xml has the cell-internal listener open. */
    public static boolean cellListenerEnabled(Path domainXml) throws IOException {
        for (Element listener : elements(serverConfig(read(domainXml).getDocumentElement()), "network-listener")) {
            if (CELL_LISTENER.equals(listener.getAttribute("name"))) {
                return !"false".equals(listener.getAttribute("enabled"));
            }
        }
        return false;
    }

    /** The direct child with that attribute value, created if missing. */
    private static Element named(Element parent, String tag, String attribute, String value) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element element
                    && element.getTagName().equals(tag)
                    && value.equals(element.getAttribute(attribute))) {
                return element;
            }
        }
        Element created = parent.getOwnerDocument().createElement(tag);
        created.setAttribute(attribute, value);
        parent.appendChild(created);
        return created;
    }

    /** @return whether the attribute changed */
    private static boolean set(Element element, String attribute, String value) {
        if (value.equals(element.getAttribute(attribute)) && element.hasAttribute(attribute)) {
            return false;
        }
        element.setAttribute(attribute, value);
        return true;
    }

    /**
     * Before every start: the default scheduled executor's threads ({@link HostResources#BACKGROUND_THREADS}), for a
     * domain made before Coffer set them. A fresh domain has no such element until its first start, where
     * {@link HostResources} sets it; domain.xml is written only when it changes.
     */
    public static void applyBackgroundThreads(Path domainXml) throws IOException {
        Document document = read(domainXml);
        if (setBackgroundThreads(document)) {
            write(document, domainXml);
        }
    }

    /** @return whether the document changed */
    static boolean setBackgroundThreads(Document document) {
        boolean changed = false;
        for (Element executor : elements(document.getDocumentElement(), "managed-scheduled-executor-service")) {
            if (HostResources.DEFAULT_SCHEDULED_EXECUTOR.equals(executor.getAttribute("jndi-name"))) {
                changed |= set(executor, "core-pool-size", String.valueOf(HostResources.BACKGROUND_THREADS));
            }
        }
        return changed;
    }

    /**
     * Test-only: arms the failpoints of the host's next start ({@link FailpointArming}), or disarms any an earlier start
     * armed. domain.xml is written only when it changes.
     */
    public static void armFailpoints(Path domainXml, Optional<String> points) throws IOException {
        Document document = read(domainXml);
        if (armFailpoints(document, points)) {
            write(document, domainXml);
        }
    }

    /** @return whether the document changed */
    static boolean armFailpoints(Document document, Optional<String> points) {
        Element java = child(serverConfig(document.getDocumentElement()), "java-config");
        Optional<String> wanted = points.map(value -> FailpointArming.PROPERTY + value);
        List<Element> armed = elements(java, "jvm-options").stream()
                .filter(option -> option.getTextContent().trim().startsWith(FailpointArming.PROPERTY))
                .toList();
        if (armed.size() == (wanted.isPresent() ? 1 : 0)
                && armed.stream()
                        .allMatch(option ->
                                wanted.get().equals(option.getTextContent().trim()))) {
            return false;
        }
        armed.forEach(java::removeChild);
        wanted.ifPresent(option -> setJvmOption(java, option));
        return true;
    }

    /** Coffer's JVM options of one host. The {@code coffer.*} ones are its MicroProfile Config. */
    static List<String> jvmOptions(TopologyPlan plan, HostPlan host) {
        List<String> options = new ArrayList<>();
        options.add("-Xmx768m");
        options.add("-Djava.net.preferIPv4Stack=true");
        options.add("-Dhazelcast.phone.home.enabled=false");
        options.add("-Dhazelcast.socket.bind.any=false");
        options.add("-Dhazelcast.local.localAddress=127.0.0.1");
        options.add("-Dh2.bindAddress=127.0.0.1");
        // ActiveMQ otherwise opens a listener on every interface to make its ids unique.
        options.add("-Dactivemq.idgenerator.localport=" + host.httpPort());
        options.add("-Dcoffer.instance=" + host.name());
        options.add("-Dcoffer.cell=" + host.cell());
        // every store, not only the served ones: control-plane listings and writes may touch any shard
        options.add("-Dcoffer.shards=" + String.join(",", plan.shardNames()));
        options.add("-Dcoffer.served-shards=" + String.join(",", host.servedShards()));
        options.add("-Dcoffer.cell-url=" + host.cellUrl());
        options.add("-Dcoffer.home=" + plan.home());
        options.add("-Dcoffer.public-url=" + host.url());
        options.add("-Dcoffer.clock.adjustable=" + plan.adjustableClock());
        return options;
    }

    /**
     * Before a start: Coffer's JVM options of the host as this plan has them (a domain made by an older build gets the
     * ones added since, a host whose cell changed gets its new cell). domain.xml is written only when it changes.
     */
    public static void applyJvmOptions(Path domainXml, TopologyPlan plan, HostPlan host) throws IOException {
        Document document = read(domainXml);
        if (setJvmOptions(child(serverConfig(document.getDocumentElement()), "java-config"), plan, host)) {
            write(document, domainXml);
        }
    }

    /** @return whether the element changed */
    static boolean setJvmOptions(Element java, TopologyPlan plan, HostPlan host) {
        boolean changed = false;
        for (String option : jvmOptions(plan, host)) {
            changed |= setJvmOption(java, option);
        }
        return changed;
    }

    /** Sets one JVM option of the host's server (replacing one with the same key); domain.xml is written on change. */
    public static void setJvmOption(Path domainXml, String option) throws IOException {
        Document document = read(domainXml);
        if (setJvmOption(child(serverConfig(document.getDocumentElement()), "java-config"), option)) {
            write(document, domainXml);
        }
    }

    /** @return whether the element changed */
    private static boolean setJvmOption(Element java, String option) {
        String key = option.contains("=") ? option.substring(0, option.indexOf('=') + 1) : option;
        for (Element existing : elements(java, "jvm-options")) {
            String text = existing.getTextContent().trim();
            if (text.equals(option)) {
                return false;
            }
            if (key.startsWith("-Xmx") ? text.startsWith("-Xmx") : text.startsWith(key) && key.endsWith("=")) {
                existing.setTextContent(option);
                return true;
            }
        }
        Element added = java.getOwnerDocument().createElement("jvm-options");
        added.setTextContent(option);
        java.appendChild(added);
        return true;
    }

    private static Element serverConfig(Element domain) {
        for (Element config : elements(domain, "config")) {
            if ("server-config".equals(config.getAttribute("name"))) {
                return config;
            }
        }
        throw new IllegalStateException("domain.xml has no server-config");
    }

    /** The first direct child of that name, created if missing. */
    private static Element child(Element parent, String name) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node node = children.item(i);
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        Element created = parent.getOwnerDocument().createElement(name);
        parent.appendChild(created);
        return created;
    }

    private static List<Element> elements(Element root, String name) {
        NodeList found = root.getElementsByTagName(name);
        List<Element> elements = new ArrayList<>(found.getLength());
        for (int i = 0; i < found.getLength(); i++) {
            elements.add((Element) found.item(i));
        }
        return elements;
    }

    static Document read(Path file) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return factory.newDocumentBuilder().parse(file.toFile());
        } catch (ParserConfigurationException | SAXException failure) {
            throw new IOException("cannot read " + file + ": " + failure.getMessage(), failure);
        }
    }

    private static void write(Document document, Path file) throws IOException {
        try {
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            Path temporary = file.resolveSibling(file.getFileName() + ".coffer-tmp");
            transformer.transform(new DOMSource(document), new StreamResult(temporary.toFile()));
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (TransformerException failure) {
            throw new IOException("cannot write " + file + ": " + failure.getMessage(), failure);
        }
    }
}
