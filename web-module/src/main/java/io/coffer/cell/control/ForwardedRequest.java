package io.coffer.cell.control;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A client's request as a base-cell host received it, to be replayed on a host of the cell that owns the resource. The
 * client signed it, so nothing in it is normalised: the target stays exactly as it arrived, the body byte for byte.
 *
 * @param method    the HTTP method, e.g. {@code PUT}
 * @param rawTarget the path and {@code ?query} exactly as received, still percent-encoded, e.g.
 *     {@code /20180608/secrets?vaultId=ocid1.vault.x&name=a%2Fb}
 * @param headers   every header received, {@code Host} included; names are case-insensitive
 * @param body      the body as received (not copied), empty when there is none
 */
public record ForwardedRequest(String method, String rawTarget, Map<String, List<String>> headers, byte[] body) {

    public ForwardedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawTarget, "rawTarget");
        if (!rawTarget.startsWith("/")) {
            throw new IllegalArgumentException("a forwarded request's target starts with '/': " + rawTarget);
        }
        headers = CellForwarder.caseInsensitive(headers);
        body = body == null ? new byte[0] : body;
    }
}
