package io.coffer.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Every response carries {@code opc-request-id}: the client's own, when it sent a sane one, followed by Coffer's.
 * Coffer's part is 128 random bits from the thread's own generator: an id correlates a request with its logs and
 * grants nothing, so it needs uniqueness, not a cryptographic generator (whose shared lock every request crossed).
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class RequestIds implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String HEADER = "opc-request-id";
    static final String PROPERTY = "coffer.requestId";
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_./:-]{1,98}");
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(PROPERTY, requestId(request.getHeaderString(HEADER)));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getHeaders().containsKey(HEADER)) {
            // the answer of another cell's host, to which the request was forwarded: its id names both hops
            return;
        }
        Object id = request.getProperty(PROPERTY);
        response.getHeaders().putSingle(HEADER, id != null ? id : requestId(null));
    }

    static String requestId(String fromClient) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String ours = HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextLong());
        if (fromClient != null && CLIENT_ID.matcher(fromClient).matches()) {
            return fromClient + "/" + ours;
        }
        return ours;
    }

    public static String of(ContainerRequestContext request) {
        Object id = request.getProperty(PROPERTY);
        return id == null ? "" : id.toString();
    }
}
