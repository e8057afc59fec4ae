package io.coffer.health.boundary;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Tells {@code ./coffer start} that Coffer is loaded in this server: once the web module is up (the last part of the
 * EAR to load), it writes this JVM's PID into {@value #FILE} in the domain's directory, and removes the file when the
 * module stops. The CLI opens the server's client port only then (Payara's {@code start-domain} returns while the
 * applications are still loading, and the port would answer with Payara's own 404 pages meanwhile); a file left by a
 * JVM that was killed names another PID and does not count.
 */
@WebListener
public class LoadedMarker implements ServletContextListener {

    static final String FILE = "coffer-loaded.pid";
    private static final Logger LOG = Logger.getLogger(LoadedMarker.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        marker().ifPresent(file -> {
            try {
                Files.writeString(file, Long.toString(ProcessHandle.current().pid()));
            } catch (IOException unwritable) {
                LOG.warning("cannot write " + file + " (" + unwritable.getMessage()
                        + "): ./coffer start opens this host's client port only after its own deadline");
            }
        });
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        marker().ifPresent(file -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException stays) {
                // it names this JVM's PID, which no later server has
            }
        });
    }

    /** The file in the domain's directory; none outside a Payara domain. */
    private static Optional<Path> marker() {
        String domain = System.getProperty("com.sun.aas.instanceRoot");
        return domain == null ? Optional.empty() : Optional.of(Path.of(domain, FILE));
    }
}
