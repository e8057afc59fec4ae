package io.coffer.retry.entity;

import io.coffer.platform.failure.CofferException;
import java.util.regex.Pattern;

/**
 * A client's {@code opc-retry-token} with the hash of the request it came with; {@link #NONE} when it sent none.
 *
 * @param requestHash identifies the request: operation, target and body
 */
public record RetryToken(String token, String requestHash) {

    public static final RetryToken NONE = new RetryToken(null, null);
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    public static RetryToken of(String token, String requestHash) {
        if (token == null || token.isEmpty()) {
            return NONE;
        }
        if (!SHAPE.matcher(token).matches()) {
            throw CofferException.invalid("opc-retry-token is 1 to 64 letters, digits, '-', '_', '.' or ':'");
        }
        return new RetryToken(token, requestHash);
    }

    public boolean present() {
        return token != null;
    }
}
