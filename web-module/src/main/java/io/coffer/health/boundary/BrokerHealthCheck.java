package io.coffer.health.boundary;

import io.coffer.platform.settings.CofferSettings;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The JMS broker, reached through the same resource adapter replication uses; a temporary queue is a round trip. A hung
 * broker is DOWN within {@link CofferSettings#healthCheckTimeout()}.
 */
@Readiness
@ApplicationScoped
public class BrokerHealthCheck implements HealthCheck {

    @Resource(lookup = "jms/coffer/ConnectionFactory")
    ConnectionFactory connectionFactory;

    @Inject
    CofferSettings settings;

    @Inject
    ProbeExecutor executor;

    @Override
    public HealthCheckResponse call() {
        String result = BoundedProbe.start(this::roundTrip, settings.healthCheckTimeout(), executor)
                .result();
        return HealthCheckResponse.named("broker")
                .withData("broker", result)
                .status(result.equals(BoundedProbe.UP))
                .build();
    }

    private String roundTrip() throws JMSException {
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createTemporaryQueue().delete();
            return BoundedProbe.UP;
        }
    }
}
