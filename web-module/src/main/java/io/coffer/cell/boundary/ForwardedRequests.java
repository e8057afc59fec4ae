package io.coffer.cell.boundary;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * What a host serving a request forwarded by another cell knows of the client's own request: the host the client
 * called, so that URLs in the answer (a vault's endpoints) lead the client back to the base cell, not to this cell.
 */
public final class ForwardedRequests {

    /** The request attribute holding the {@code Host} the client sent to the base cell. */
    static final String CLIENTS_HOST = "coffer.cell.clients-host";

    /** A host name or IPv4 address with an optional port: nothing else is put into a URL. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?");

    private ForwardedRequests() {}

    /** Remembers the client's {@code Host} of a forwarded request, if it is a plain host and port. */
    static void remember(HttpServletRequest request, String clientsHost) {
        if (clientsHost != null && HOST.matcher(clientsHost).matches()) {
            request.setAttribute(CLIENTS_HOST, clientsHost);
        }
    }

    /**
     * This host's public URL, or for a forwarded request the same scheme on the host the client called.
     *
     * @param ownPublicUrl this host's {@code coffer.public-url}
     */
    public static String clientFacingUrl(HttpServletRequest request, String ownPublicUrl) {
        Object clientsHost = request.getAttribute(CLIENTS_HOST);
        if (clientsHost == null) {
            return ownPublicUrl;
        }
        return URI.create(ownPublicUrl).getScheme() + "://" + clientsHost;
    }
}
