package io.coffer.identity.control;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * An HTTP request as its signature covers it: the method, the request target exactly as sent (raw path and query),
 * the headers (by lower-case name) and the body bytes.
 */
public record SignedRequest(String method, String requestTarget, Function<String, String> headers, byte[] body) {

    public String header(String name) {
        return headers.apply(name.toLowerCase(Locale.ROOT));
    }

    public static SignedRequest of(
            String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        String target = rawQuery == null || rawQuery.isEmpty() ? rawPath : rawPath + "?" + rawQuery;
        Map<String, List<String>> lowerCase = new java.util.HashMap<>();
        headers.forEach((name, values) -> lowerCase.put(name.toLowerCase(Locale.ROOT), values));
        return new SignedRequest(
                method,
                target,
                name -> {
                    List<String> values = lowerCase.get(name);
                    return values == null || values.isEmpty() ? null : String.join(", ", values);
                },
                body == null ? new byte[0] : body);
    }
}
