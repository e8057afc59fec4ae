package io.coffer.http;

import io.coffer.bundle.boundary.SecretBundleService;
import io.coffer.cell.boundary.CellForwardingFilter;
import io.coffer.cell.control.CellForwarding;
import io.coffer.identity.boundary.CallerContext;
import io.coffer.identity.boundary.Callers;
import io.coffer.identity.boundary.SignatureAuthenticationFilter;
import io.coffer.identity.entity.Caller;
import io.coffer.platform.settings.CofferSettings;
import io.coffer.platform.time.AdjustableClock;
import io.coffer.replication.monitor.ReplicaState;
import io.coffer.routing.control.StoreSettingsCache;
import io.coffer.throttling.boundary.KnownOverLimitFilter;
import io.coffer.throttling.boundary.ThrottlingFilter;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.validation.Validation;
import jakarta.ws.rs.core.Application;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * One of Coffer's JAX-RS applications, run in memory by Jersey as Payara runs it: the same resources, filters, error
 * mapper, JSON binding and Bean Validation. Only the signature check (a caller is given instead), forwarding to other
 * cells (a one-cell install never forwards) and throttling (which
 * needs the data grid) are left out, and the
 * EJBs behind the resources are absent (the bundle service is there, with nothing injected into it): a request that
 * gets past its boundary checks reaches a missing EJB or store, which shows as a 500, as a bug would.
 */
final class InMemoryApi {

    private final ApplicationHandler handler;
    private final URI base;
    final AdjustableClock clock = new AdjustableClock(Clock.systemUTC(), true);

    InMemoryApi(Application application, String basePath, Caller caller) {
        this.base = URI.create("http://127.0.0.1:8080" + basePath);
        ResourceConfig config = new ResourceConfig();
        application.getClasses().stream()
                .filter(type -> type != SignatureAuthenticationFilter.class
                        && type != CellForwardingFilter.class
                        && type != ThrottlingFilter.class
                        && type != KnownOverLimitFilter.class)
                .forEach(config::register);
        CallerContext callerContext = Callers.authenticated(caller);
        RequestValidation validation =
                new RequestValidation(Validation.buildDefaultValidatorFactory().getValidator());
        config.register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(callerContext).to(CallerContext.class);
                bind(validation).to(RequestValidation.class);
                bind(clock).to(AdjustableClock.class);
                bind(new CofferSettings()).to(CofferSettings.class);
                bind(new StoreSettingsCache()).to(StoreSettingsCache.class);
                bind(new ReplicaState()).to(ReplicaState.class);
                bind(new CellForwarding()).to(CellForwarding.class);
                // a CDI bean, not an EJB: injected with nothing behind it, so a call into it fails as a missing EJB
                // does
                bind(new SecretBundleService()).to(SecretBundleService.class);
            }
        });
        handler = new ApplicationHandler(config);
    }

    /** What came back: status, headers and the body as text. */
    record Reply(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }
    }

    Reply call(String method, String path, String json, Map<String, String> headers) throws Exception {
        return call(method, path, json == null ? null : json.getBytes(StandardCharsets.UTF_8), headers);
    }

    Reply call(String method, String path, byte[] body, Map<String, String> headers) throws Exception {
        ContainerRequest request = new ContainerRequest(
                base, base.resolve(path), method, null, new MapPropertiesDelegate(), handler.getConfiguration());
        headers.forEach(request::header);
        if (body != null) {
            request.header("content-type", "application/json");
            request.header("content-length", Integer.toString(body.length));
            request.setEntityStream(new ByteArrayInputStream(body));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ContainerResponse response = handler.apply(request, out).get(30, TimeUnit.SECONDS);
        Map<String, String> answered = new java.util.HashMap<>();
        response.getStringHeaders()
                .forEach((name, values) ->
                        answered.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values)));
        return new Reply(response.getStatus(), answered, out.toString(StandardCharsets.UTF_8));
    }
}
