package io.coffer.server.broker;

import io.coffer.server.topology.InternalCredentials;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.activemq.broker.BrokerPlugin;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.security.AuthenticationUser;
import org.apache.activemq.security.SimpleAuthenticationPlugin;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;

/**
 * The JMS broker of a Coffer topology: ActiveMQ with a persistent KahaDB store (durable subscriptions survive a
 * broker restart), one OpenWire connector on loopback, no JMX connector, no multicast discovery, and one user (read
 * from the install's credentials file, never from the command line): a connection without it is refused.
 *
 * <p>Usage: {@code BrokerMain <data-dir> <port> <credentials file>}
 */
public final class BrokerMain {

    private BrokerMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: BrokerMain <data-dir> <port> <credentials file>");
            System.exit(2);
        }
        Path data = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        InternalCredentials credentials = InternalCredentials.read(Path.of(args[2]));

        BrokerService broker = new BrokerService();
        broker.setBrokerName("coffer");
        broker.setDataDirectoryFile(data.toFile());
        broker.setPersistent(true);
        KahaDBPersistenceAdapter kahaDb = new KahaDBPersistenceAdapter();
        kahaDb.setDirectory(data.resolve("kahadb").toFile());
        broker.setPersistenceAdapter(kahaDb);
        broker.setUseJmx(false);
        broker.setUseShutdownHook(false);
        broker.setAdvisorySupport(true);
        broker.getSystemUsage().getStoreUsage().setLimit(2L * 1024 * 1024 * 1024);
        broker.getSystemUsage().getTempUsage().setLimit(1024L * 1024 * 1024);
        SimpleAuthenticationPlugin authentication = new SimpleAuthenticationPlugin(
                List.of(new AuthenticationUser(credentials.brokerUser(), credentials.brokerPassword(), "coffer")));
        authentication.setAnonymousAccessAllowed(false);
        broker.setPlugins(new BrokerPlugin[] {authentication});
        broker.addConnector("tcp://127.0.0.1:" + port + "?transport.useInactivityMonitor=true");
        broker.start();
        broker.waitUntilStarted();
        System.out.println("coffer broker listening on tcp://127.0.0.1:" + port + " (user " + credentials.brokerUser()
                + "), data in " + data);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                broker.stop();
                                broker.waitUntilStopped();
                            } catch (Exception failure) {
                                System.err.println("broker stop failed: " + failure);
                            } finally {
                                stopped.countDown();
                            }
                        },
                        "coffer-broker-stop"));
        stopped.await();
    }
}
