package io.coffer.cell.control;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * Replays a client's request on a host of the cell that owns the resource, over that host's cell-internal HTTPS
 * listener (mutual TLS with the context {@link CellTls} makes), and hands back what the host answered, whatever the
 * status. The request goes out as it came in: same method, same raw target, same body, every end-to-end header, and
 * the original {@code Host} in {@value #FORWARDED_HOST}.
 *
 * <p>A call ends by the deadline at the latest, answered or not; a call given up on is cancelled, which closes its
 * connection. One forwarder serves every call and thread of a process: it holds one HTTP client and its connections.
 */
public final class CellForwarder {

    /**
     * The {@code Host} the client sent, which its signature covers and the owning host verifies again: the JDK client
     * sets {@code Host} from the URI and lets nobody else set it.
     */
    public static final String FORWARDED_HOST = "X-Coffer-Forwarded-Host";

    /** Meant for one connection only (RFC 9110 7.6.1); {@code proxy-*} ones too. */
    private static final Set<String> HOP_BY_HOP =
            Set.of("connection", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade");

    /** The JDK client writes these itself, from the URI and the body, and refuses them from the caller. */
    private static final Set<String> SET_BY_CLIENT = Set.of("host", "content-length", "expect");

    private final HttpClient http;
    private final Duration connectTimeout;
    private final Duration deadline;

    /**
     * @param tls            the cell's client context, from {@link CellTls#of}
     * @param connectTimeout how long to wait for a connection to the owning host
     * @param deadline       how long a whole call may take, from sending to the answer's last byte
     */
    public CellForwarder(SSLContext tls, Duration connectTimeout, Duration deadline) {
        this.connectTimeout = positive(connectTimeout, "connectTimeout");
        this.deadline = positive(deadline, "deadline");
        SSLParameters parameters = tls.getDefaultSSLParameters();
        parameters.setProtocols(CellTls.PROTOCOLS.toArray(String[]::new));
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(tls)
                .sslParameters(parameters)
                .connectTimeout(connectTimeout)
                // the owner's redirect is its answer to the client; and cell traffic never goes through a proxy
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .build();
    }

    /**
     * Sends the request to the host at {@code cellHostBase} (e.g. {@code https://127.0.0.1:8282}) and returns its
     * answer, a 404 or a 409 as much as a 200.
     *
     * @throws CellUnreachableException when no connection or no TLS session could be made, or no complete answer came
     *     within the deadline
     * @throws IllegalArgumentException when the base is not an {@code https} URI, or the target or a header is one the
     *     JDK client cannot send
     */
    public ForwardedResponse forward(URI cellHostBase, ForwardedRequest request) throws CellUnreachableException {
        CompletableFuture<HttpResponse<byte[]>> answer =
                http.sendAsync(replay(cellHostBase, request), HttpResponse.BodyHandlers.ofByteArray());
        try {
            HttpResponse<byte[]> response = answer.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
            return new ForwardedResponse(
                    response.statusCode(), endToEnd(response.headers().map()), response.body());
        } catch (TimeoutException late) {
            throw new CellUnreachableException(cellHostBase, "no answer within " + describe(deadline), late);
        } catch (ExecutionException failed) {
            throw new CellUnreachableException(cellHostBase, reason(failed.getCause()), failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new CellUnreachableException(cellHostBase, "interrupted while waiting for its answer", interrupted);
        } finally {
            // no-op once answered; otherwise it aborts the exchange and closes its connection
            answer.cancel(true);
        }
    }

    private HttpRequest replay(URI cellHostBase, ForwardedRequest request) {
        HttpRequest.BodyPublisher body = request.body().length == 0
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body());
        HttpRequest.Builder replay = HttpRequest.newBuilder(target(cellHostBase, request.rawTarget()))
                .method(request.method(), body)
                // the JDK's own timer as well: it ends the exchange even if nobody waits for it any more
                .timeout(deadline);
        headersToSend(request.headers()).forEach((name, values) -> values.forEach(value -> replay.header(name, value)));
        return replay.build();
    }

    /** The base with the raw target appended as it is: URI keeps its percent-encoding and the client sends it so. */
    static URI target(URI cellHostBase, String rawTarget) {
        if (!"https".equalsIgnoreCase(cellHostBase.getScheme())
                || cellHostBase.getRawQuery() != null
                || cellHostBase.getRawFragment() != null) {
            throw new IllegalArgumentException("not the https base URI of a cell host: " + cellHostBase);
        }
        String base = cellHostBase.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + rawTarget);
    }

    /**
     * The headers a replay carries: the end-to-end ones except those the JDK client writes itself, and {@value
     * #FORWARDED_HOST} set to the received {@code Host} (one the client sent is never passed on as it is).
     */
    static Map<String, List<String>> headersToSend(Map<String, List<String>> received) {
        Map<String, List<String>> sent = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        sent.putAll(endToEnd(received));
        sent.keySet()
                .removeIf(name -> SET_BY_CLIENT.contains(lowerCase(name)) || name.equalsIgnoreCase(FORWARDED_HOST));
        List<String> host = caseInsensitive(received).get("host");
        if (host != null && !host.isEmpty()) {
            sent.put(FORWARDED_HOST, List.of(host.get(0)));
        }
        return Collections.unmodifiableMap(sent);
    }

    /** The headers without the hop-by-hop ones: the fixed set and those the {@code Connection} header names. */
    static Map<String, List<String>> endToEnd(Map<String, List<String>> headers) {
        Map<String, List<String>> endToEnd = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        endToEnd.putAll(caseInsensitive(headers));
        Set<String> namedByConnection = connectionOptions(endToEnd.get("connection"));
        endToEnd.keySet().removeIf(name -> isHopByHop(name) || namedByConnection.contains(lowerCase(name)));
        return Collections.unmodifiableMap(endToEnd);
    }

    static boolean isHopByHop(String name) {
        String lower = lowerCase(name);
        return HOP_BY_HOP.contains(lower) || lower.startsWith("proxy-");
    }

    /** An unmodifiable copy with case-insensitive names; values of names differing only in case are joined. */
    static Map<String, List<String>> caseInsensitive(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, values) -> {
                if (values != null) {
                    copy.merge(name, List.copyOf(values), CellForwarder::joined);
                }
            });
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Set<String> connectionOptions(List<String> connection) {
        Set<String> options = new HashSet<>();
        if (connection != null) {
            for (String value : connection) {
                for (String option : value.split(",")) {
                    if (!option.isBlank()) {
                        options.add(lowerCase(option.strip()));
                    }
                }
            }
        }
        return options;
    }

    private String reason(Throwable failure) {
        if (failure instanceof HttpConnectTimeoutException) {
            return "no connection within " + describe(connectTimeout);
        }
        if (failure instanceof HttpTimeoutException) {
            return "no answer within " + describe(deadline);
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLException) {
                return "TLS handshake failed: " + cause.getMessage();
            }
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
        }
        if (failure instanceof IOException) {
            // e.g. closed after the handshake: with TLS 1.3 that is how a listener refuses a client certificate
            return "no complete answer (" + failure.getMessage() + ")";
        }
        return String.valueOf(failure);
    }

    private static List<String> joined(List<String> first, List<String> second) {
        List<String> both = new ArrayList<>(first);
        both.addAll(second);
        return List.copyOf(both);
    }

    private static String lowerCase(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static Duration positive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
        return duration;
    }
}
