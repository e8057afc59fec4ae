package io.coffer.cell.control;

import java.net.URI;

/**
 * The owning cell's host could not be asked: no connection, no TLS session with it, or no complete answer before the
 * deadline. Unlike any status the host answers with, this says nothing about the resource, only about the path to it.
 */
public final class CellUnreachableException extends Exception {

    private static final long serialVersionUID = 1L;

    private final URI cellHost;

    public CellUnreachableException(URI cellHost, String reason, Throwable cause) {
        super("cell host " + cellHost + " unreachable: " + reason, cause);
        this.cellHost = cellHost;
    }

    /** The base URI of the host that could not be asked. */
    public URI cellHost() {
        return cellHost;
    }
}
