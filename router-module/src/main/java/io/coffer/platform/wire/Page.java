package io.coffer.platform.wire;

import java.util.List;

/** One page of a list: its items, and the opaque {@code opc-next-page} token when more remain (null otherwise). */
public record Page<T>(List<T> items, String nextPage) {

    public Page {
        items = List.copyOf(items);
    }
}
