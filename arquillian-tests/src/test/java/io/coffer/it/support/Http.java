package io.coffer.it.support;

import io.coffer.server.signing.OciRequestSigner;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/** A plain HTTP client for the tests: what a curl user of Coffer would see. */
public final class Http {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {}

    public record Reply(int status, String body, HttpResponse<String> raw) {

        public JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                JsonStructure structure = reader.read();
                return structure.asJsonObject();
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("content-type");
        }
    }

    /** An unsigned GET: what a client without credentials gets. */
    public static Reply get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /** An unsigned POST. */
    public static Reply postJson(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A request signed by a principal, as the OCI SDK would sign it. */
    public static Reply signed(OciRequestSigner signer, String method, String url, String json) {
        URI uri = URI.create(url);
        byte[] body = json == null ? null : json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        signer.sign(method, uri, body).forEach(request::header);
        return send(request);
    }

    public static Reply send(HttpRequest.Builder request) {
        return send(request, Duration.ofSeconds(60));
    }

    /** Sends and waits at most {@code timeout} for the reply (an {@link UncheckedIOException} past it). */
    public static Reply send(HttpRequest.Builder request, Duration timeout) {
        try {
            HttpResponse<String> response =
                    CLIENT.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /** Polls until the reply satisfies the condition, and returns the last reply either way. */
    public static Reply await(Duration timeout, Predicate<Reply> condition, java.util.function.Supplier<Reply> call) {
        Instant deadline = Instant.now().plus(timeout);
        Reply reply = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                reply = call.get();
                if (condition.test(reply)) {
                    return reply;
                }
            } catch (UncheckedIOException notYet) {
                // the server is not answering yet
            }
            sleep(250);
        }
        return reply;
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
