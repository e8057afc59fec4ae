package io.coffer.routing.control;

import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The server's one TransactionSynchronizationRegistry, for CDI beans that any thread may create first. An
 * {@code @Resource} field is resolved in the naming context of the thread that creates the bean, and a bean first
 * touched by the server's own /health endpoint got null there and kept it for the application's life. The server-wide
 * name resolves from every thread; {@code java:comp} is the portable fallback.
 */
public final class TransactionRegistry {

    private static final String[] NAMES = {
        "java:appserver/TransactionSynchronizationRegistry", "java:comp/TransactionSynchronizationRegistry"
    };

    private static volatile TransactionSynchronizationRegistry registry;

    private TransactionRegistry() {}

    /** Whether the calling thread runs inside an active JTA transaction. */
    public static boolean isActive() {
        return get().getTransactionStatus() == Status.STATUS_ACTIVE;
    }

    public static TransactionSynchronizationRegistry get() {
        TransactionSynchronizationRegistry found = registry;
        if (found != null) {
            return found;
        }
        NamingException last = null;
        for (String name : NAMES) {
            try {
                found = (TransactionSynchronizationRegistry) new InitialContext().lookup(name);
                if (found != null) {
                    registry = found;
                    return found;
                }
            } catch (NamingException missing) {
                last = missing;
            }
        }
        throw new IllegalStateException("no TransactionSynchronizationRegistry at " + String.join(" or ", NAMES), last);
    }
}
