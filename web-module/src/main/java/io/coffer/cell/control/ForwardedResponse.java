package io.coffer.cell.control;

import java.util.List;
import java.util.Map;

/**
 * What the owning cell's host answered to a forwarded request, whatever the status: a 404 or a 409 from the owner is
 * its answer to the client, to be passed on as is.
 *
 * @param status  the owner's HTTP status
 * @param headers the owner's end-to-end headers (hop-by-hop ones removed); names are case-insensitive
 * @param body    the owner's body, empty when there is none
 */
public record ForwardedResponse(int status, Map<String, List<String>> headers, byte[] body) {

    public ForwardedResponse {
        headers = CellForwarder.caseInsensitive(headers);
        body = body == null ? new byte[0] : body;
    }
}
