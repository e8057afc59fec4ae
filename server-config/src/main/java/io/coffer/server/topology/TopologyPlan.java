package io.coffer.server.topology;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where everything of a one-machine topology lives and listens: the Derby network servers of the remote stores, the
 * broker, and the app-server instances ("hosts"), each a Payara domain with ports derived from a port base.
 *
 * <p>The base store and {@code shard-0}'s store share the first Derby server (as every install had them before there
 * were more shards); every further shard {@code shard-k} has a server of its own, on the port {@code k} above it and
 * with its own data folder, so that one shard's store can freeze or die while the others serve.
 *
 * <p>Each shard is served by a cell of its own with {@code hosts} hosts: {@code cell-0} (the base cell, the one clients
 * talk to) serves {@code shard-0} with {@code host-1} to {@code host-<hosts>}; {@code cell-k} serves {@code shard-k}
 * with the next {@code hosts} hosts, {@code host-<k*hosts+1>} to {@code host-<(k+1)*hosts>}. Host numbers, and so
 * ports, run on across the cells; with one shard everything is {@code cell-0}, as every install had before.
 *
 * @param home        Coffer's directory ({@code ~/.coffer} unless told otherwise): Payara, domains, data, logs
 * @param portBase    ports of host-1 are derived from it, each next host's from 100 above
 * @param hosts       how many app-server instances each cell has (not in all: see {@link #totalHosts()})
 * @param derbyPort   the Derby network server of the base store and shard-0's remote store; shard-k's is k above
 * @param brokerPort  the ActiveMQ broker
 * @param adjustableClock whether the business clock may be moved forward by an operator (test installs only)
 * @param shards      how many shards hold vaults ({@code shard-0} to {@code shard-<shards-1>})
 */
public record TopologyPlan(
        Path home, int portBase, int hosts, int derbyPort, int brokerPort, boolean adjustableClock, int shards) {

    public static final int DEFAULT_PORT_BASE = 8000;
    public static final int DEFAULT_DERBY_PORT = 1527;
    public static final int DEFAULT_BROKER_PORT = 61616;
    /** The most hosts in all, over every cell: hosts per cell × shards. */
    public static final int MAX_HOSTS = 9;
    /** The base cell: it serves the base store and shard-0, and it is the cell clients talk to. */
    public static final String CELL = "cell-0";

    public static final int MAX_SHARDS = 8;
    /** The store that shares the base store's Derby server. */
    static final String FIRST_SHARD = "shard-0";

    private static final String SHARD_PREFIX = "shard-";
    private static final String CELL_PREFIX = "cell-";

    public TopologyPlan {
        home = home.toAbsolutePath().normalize();
        if (hosts < 1 || hosts > MAX_HOSTS) {
            throw new IllegalArgumentException("--hosts must be between 1 and " + MAX_HOSTS + ", not " + hosts);
        }
        if (shards < 1 || shards > MAX_SHARDS) {
            throw new IllegalArgumentException("--shards must be between 1 and " + MAX_SHARDS + ", not " + shards);
        }
        if (hosts * shards > MAX_HOSTS) {
            throw new IllegalArgumentException("hosts per cell × shards must be at most " + MAX_HOSTS + " (a cell per"
                    + " shard): --hosts " + hosts + " × --shards " + shards + " makes " + hosts * shards + " hosts");
        }
        checkPort("--port-base", portBase);
        checkPort("--port-base", portBase + 100 * hosts * shards);
        checkPort("--derby-port", derbyPort);
        checkPort("--derby-port", derbyPort + shards - 1);
        checkPort("--broker-port", brokerPort);
    }

    /** One shard, as every install had before there were more. */
    public TopologyPlan(Path home, int portBase, int hosts, int derbyPort, int brokerPort, boolean adjustableClock) {
        this(home, portBase, hosts, derbyPort, brokerPort, adjustableClock, 1);
    }

    /** The shards' store names, {@code shard-0} first. */
    public List<String> shardNames() {
        List<String> names = new ArrayList<>();
        for (int index = 0; index < shards; index++) {
            names.add(SHARD_PREFIX + index);
        }
        return names;
    }

    /** Every remote store: the base store, then the shards. */
    public List<String> remoteStores() {
        List<String> stores = new ArrayList<>();
        stores.add("base");
        stores.addAll(shardNames());
        return stores;
    }

    /** The Derby network servers of the remote stores: the base store's (with shard-0's store) first. */
    public List<StoreServerPlan> storeServers() {
        List<StoreServerPlan> servers = new ArrayList<>();
        servers.add(new StoreServerPlan(
                "base",
                derbyPort,
                derbyHome(),
                runDir().resolve("derby.pid"),
                logs().resolve("derby.log"),
                List.of("base", FIRST_SHARD)));
        for (int index = 1; index < shards; index++) {
            String shard = SHARD_PREFIX + index;
            servers.add(new StoreServerPlan(
                    shard,
                    derbyPort + index,
                    home.resolve("derby-" + shard),
                    runDir().resolve("derby-" + shard + ".pid"),
                    logs().resolve("derby-" + shard + ".log"),
                    List.of(shard)));
        }
        return servers;
    }

    /** The Derby server that holds a remote store's database. */
    public StoreServerPlan storeServerOf(String store) {
        return storeServers().stream()
                .filter(server -> server.stores().contains(store))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no store " + store + " in this topology"));
    }

    /** The cells, one per shard: {@code cell-0} (the base cell) first. */
    public List<String> cells() {
        List<String> cells = new ArrayList<>();
        for (int index = 0; index < shards; index++) {
            cells.add(CELL_PREFIX + index);
        }
        return cells;
    }

    /**
     * The cell that serves a remote store, the application's rule: the base cell serves the base store and
     * {@code shard-0}, {@code cell-k} serves {@code shard-k}.
     */
    public static String cellOf(String store) {
        if ("base".equals(store) || FIRST_SHARD.equals(store)) {
            return CELL;
        }
        if (!store.matches(SHARD_PREFIX + "[1-9][0-9]*")) {
            throw new IllegalArgumentException("no store " + store);
        }
        return CELL_PREFIX + store.substring(SHARD_PREFIX.length());
    }

    /** How many hosts there are in all, over every cell. */
    public int totalHosts() {
        return hosts * shards;
    }

    /** Every host of every cell, by index: the base cell's first. */
    public List<HostPlan> hostPlans() {
        List<HostPlan> plans = new ArrayList<>();
        for (int index = 1; index <= totalHosts(); index++) {
            plans.add(host(index));
        }
        return plans;
    }

    /** The hosts of one cell, by index. */
    public List<HostPlan> hostsOf(String cell) {
        if (!cells().contains(cell)) {
            throw new IllegalArgumentException("no cell " + cell + " in this topology");
        }
        return hostPlans().stream().filter(host -> host.cell().equals(cell)).toList();
    }

    /** Host {@code index} (from 1): the cell it belongs to follows from the number of hosts per cell. */
    public HostPlan host(int index) {
        if (index < 1 || index > totalHosts()) {
            throw new IllegalArgumentException("no host-" + index + " in this topology of " + totalHosts() + " hosts");
        }
        int cell = (index - 1) / hosts;
        return new HostPlan(index, portBase + 100 * (index - 1), CELL_PREFIX + cell, List.of(SHARD_PREFIX + cell));
    }

    /** Every host's data-grid member address, of every cell (one grid for the whole service): the TCP/IP join list. */
    public String hazelcastMembers() {
        return String.join(
                ",",
                hostPlans().stream()
                        .map(host -> "127.0.0.1:" + host.hazelcastPort())
                        .toList());
    }

    public Path payaraHome() {
        return home.resolve("payara/payara6");
    }

    public Path domainsDir() {
        return home.resolve("domains");
    }

    public Path derbyHome() {
        return home.resolve("derby");
    }

    public Path brokerData() {
        return home.resolve("broker");
    }

    public Path logs() {
        return home.resolve("logs");
    }

    public Path runDir() {
        return home.resolve("run");
    }

    public String brokerUrl() {
        return "tcp://127.0.0.1:" + brokerPort;
    }

    private static void checkPort(String option, int port) {
        if (port < 1024 || port > 65535) {
            throw new IllegalArgumentException(option + " leads to port " + port + ", outside 1024-65535");
        }
    }

    /**
     * One app-server instance: a Payara domain named {@code host-<index>}. Port offsets are Payara's own.
     *
     * @param cell          the cell it belongs to
     * @param servedShards  the shards its cell serves: it keeps their local replicas and serves their data-plane reads
     *                      (requests for other shards go to their cells); it has a connection pool to every store
     */
    public record HostPlan(int index, int portBase, String cell, List<String> servedShards) {

        public HostPlan {
            servedShards = List.copyOf(servedShards);
        }

        public String name() {
            return "host-" + index;
        }

        /**
         * The name this host's transaction manager puts into the XA ids of its transactions, and by which its recovery
         * at start tells its own prepared branches in the stores from other hosts'. Payara's default is the machine's
         * name and the instance name, the same for every host of the machine: a host's recovery then rolled back the
         * branches other hosts had prepared. Stable across restarts, unique in the topology, no comma.
         */
        public String transactionManagerName() {
            return "coffer-" + name();
        }

        public int adminPort() {
            return portBase + 48;
        }

        public int httpPort() {
            return portBase + 80;
        }

        public int httpsPort() {
            return portBase + 81;
        }

        public int hazelcastPort() {
            return portBase + 49;
        }

        public int iiopPort() {
            return portBase + 37;
        }

        public int jmxPort() {
            return portBase + 86;
        }

        /**
         * The cell-internal listener: HTTPS on 127.0.0.1 that accepts only clients with a certificate of Coffer's CA
         * (other cells' hosts). +43 is none of Payara's port-base offsets (9, 37-39, 48, 49, 66, 76, 80, 81, 86).
         */
        public int cellPort() {
            return portBase + 43;
        }

        public String cellUrl() {
            return "https://127.0.0.1:" + cellPort();
        }

        public String url() {
            return "http://127.0.0.1:" + httpPort();
        }

        /** Every port this host listens on, with what it is, for the pre-flight check. */
        public List<NamedPort> ports() {
            return List.of(
                    new NamedPort("HTTP of " + name(), httpPort()),
                    new NamedPort("HTTPS of " + name(), httpsPort()),
                    new NamedPort("cell-internal HTTPS of " + name(), cellPort()),
                    new NamedPort("admin port of " + name(), adminPort()),
                    new NamedPort("data-grid port of " + name(), hazelcastPort()),
                    new NamedPort("IIOP port of " + name(), iiopPort()),
                    new NamedPort("IIOP/SSL ports of " + name(), iiopPort() + 1),
                    new NamedPort("IIOP/mutual-auth port of " + name(), iiopPort() + 2),
                    new NamedPort("JMX port of " + name(), jmxPort()));
        }
    }

    public record NamedPort(String what, int port) {}

    /**
     * One Derby network server of remote stores.
     *
     * @param name    the store it is named after: {@code base} (which also holds shard-0's store) or {@code shard-k}
     * @param port    where it listens, on 127.0.0.1
     * @param home    its {@code derby.system.home}: its databases, its credentials database, its log
     * @param pidFile where {@code ./coffer} keeps its PID
     * @param log     its console output
     * @param stores  the remote stores whose databases it holds ({@code coffer-<store>})
     */
    public record StoreServerPlan(String name, int port, Path home, Path pidFile, Path log, List<String> stores) {

        /** How status and the progress lines name it. */
        public String title() {
            return "base".equals(name)
                    ? "Derby network server of the base store and " + FIRST_SHARD
                    : "Derby network server of " + name;
        }
    }
}
