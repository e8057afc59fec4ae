package io.coffer.bench;

import io.coffer.server.signing.OciRequestSigner;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;

/** Requests signed once, as the OCI SDK signs them, for a load generator to send many times while the date is fresh. */
final class SignedRequests {

    private SignedRequests() {}

    static HttpRequest get(OciRequestSigner signer, URI uri) {
        HttpRequest.Builder read = HttpRequest.newBuilder(uri).GET().timeout(Duration.ofSeconds(60));
        for (Map.Entry<String, String> header : signer.sign("GET", uri, null).entrySet()) {
            // The client sets the host header itself (and refuses to be given one).
            if (!header.getKey().equalsIgnoreCase("host")) {
                read.header(header.getKey(), header.getValue());
            }
        }
        return read.build();
    }
}
