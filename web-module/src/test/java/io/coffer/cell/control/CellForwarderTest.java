package io.coffer.cell.control;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The forwarder against a real cell-internal listener: an HTTPS server on 127.0.0.1 that, like a host's, requires a
 * client certificate of Coffer's CA, with a PKI that keytool made the way {@code ./coffer start} makes it.
 */
@Timeout(value = 15, unit = TimeUnit.SECONDS)
class CellForwarderTest {

    private static final InetAddress LOOPBACK = loopback();
    private static final String SIGNED_TARGET = "/20180608/secrets?vaultId=ocid1.vault.x&name=a%2Fb";
    private static final String CLIENT_HOST = "127.0.0.1:10443";

    private static SSLContext cellTls;
    private static SSLContext listenerTls;
    private static CellForwarder forwarder;

    private final List<HttpsServer> servers = new ArrayList<>();
    private final List<AutoCloseable> sockets = new ArrayList<>();
    private final ExecutorService handlerThreads = Executors.newCachedThreadPool();
    private final CountDownLatch released = new CountDownLatch(1);
    private final BlockingQueue<ForwardedRequest> received = new LinkedBlockingQueue<>();

    @BeforeAll
    static void makePki() {
        CompletableFuture<Path> foreign = CompletableFuture.supplyAsync(TestPki::foreign);
        cellTls = CellTls.of(TestPki.coffer(), TestPki.CELL);
        // the host's side, made without CellTls: the cell's certificate, trusting Coffer's CA alone
        listenerTls = TestPki.tls(TestPki.cellStore(TestPki.coffer()), TestPki.coffer());
        foreign.join();
        forwarder = new CellForwarder(cellTls, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @AfterEach
    void stopServers() throws Exception {
        released.countDown();
        for (HttpsServer server : servers) {
            server.stop(0);
        }
        for (AutoCloseable socket : sockets) {
            socket.close();
        }
        handlerThreads.shutdownNow();
    }

    @Test
    void theRequestArrivesAsReceivedAndTheAnswerComesBack() throws Exception {
        byte[] body = everyByte();
        URI host = listener(answering(
                200,
                Map.of("opc-request-id", "owner-req-1", "etag", "\"v7\"", "content-type", "application/json"),
                "{\"id\":\"ocid1.vaultsecret.x\"}"));
        ForwardedRequest request = new ForwardedRequest(
                "PUT",
                SIGNED_TARGET,
                Map.ofEntries(
                        entry("Host", List.of(CLIENT_HOST)),
                        entry("date", List.of("Thu, 05 Jan 2023 21:31:40 GMT")),
                        entry(
                                "Authorization",
                                List.of("Signature version=\"1\",keyId=\"ocid1.tenancy.x/ocid1.user.y/aa\","
                                        + "algorithm=\"rsa-sha256\",headers=\"date (request-target) host content-length"
                                        + " content-type x-content-sha256\",signature=\"c2lnbmVk\"")),
                        entry("x-content-sha256", List.of(sha256(body))),
                        entry("Content-Type", List.of("application/octet-stream")),
                        entry("content-length", List.of("256")),
                        entry("opc-request-id", List.of("client-req-1")),
                        entry("x-repeated", List.of("first", "second")),
                        entry("Connection", List.of("keep-alive, X-Hop-Only")),
                        entry("X-Hop-Only", List.of("for the first hop")),
                        entry("Keep-Alive", List.of("timeout=5")),
                        entry("TE", List.of("trailers")),
                        entry("Trailer", List.of("x-checksum")),
                        entry("Transfer-Encoding", List.of("identity")),
                        entry("Upgrade", List.of("h2c")),
                        entry("Proxy-Authorization", List.of("Basic cHJveHk6cHJveHk=")),
                        entry("Expect", List.of("100-continue")),
                        entry("X-Coffer-Forwarded-Host", List.of("127.0.0.1:6666"))),
                body);

        ForwardedResponse response = forwarder.forward(host, request);

        ForwardedRequest arrived = received.take();
        assertThat(arrived.method()).isEqualTo("PUT");
        assertThat(arrived.rawTarget()).isEqualTo(SIGNED_TARGET);
        assertThat(arrived.body()).isEqualTo(body);
        assertThat(arrived.headers())
                .containsEntry("date", List.of("Thu, 05 Jan 2023 21:31:40 GMT"))
                .containsEntry("authorization", request.headers().get("authorization"))
                .containsEntry("x-content-sha256", List.of(sha256(body)))
                .containsEntry("content-type", List.of("application/octet-stream"))
                .containsEntry("content-length", List.of("256"))
                .containsEntry("opc-request-id", List.of("client-req-1"))
                .containsEntry("x-repeated", List.of("first", "second"))
                .containsEntry("x-coffer-forwarded-host", List.of(CLIENT_HOST))
                .containsEntry("host", List.of("127.0.0.1:" + host.getPort()))
                .doesNotContainKeys(
                        "connection",
                        "x-hop-only",
                        "keep-alive",
                        "te",
                        "trailer",
                        "transfer-encoding",
                        "upgrade",
                        "proxy-authorization",
                        "expect");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers())
                .containsEntry("opc-request-id", List.of("owner-req-1"))
                .containsEntry("etag", List.of("\"v7\""))
                .containsEntry("content-type", List.of("application/json"))
                .doesNotContainKeys("connection", "keep-alive", "x-hop-only");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"ocid1.vaultsecret.x\"}");
    }

    @Test
    void anOwnersNotFoundIsItsAnswerNotAFailure() throws Exception {
        String notFound = "{\"code\":\"NotAuthorizedOrNotFound\",\"message\":\"Secret not found\"}";
        URI host = listener(
                answering(404, Map.of("content-type", "application/json", "opc-request-id", "owner-req-2"), notFound));

        ForwardedResponse response = forwarder.forward(
                host,
                new ForwardedRequest(
                        "GET",
                        "/20180608/secrets/ocid1.vaultsecret.missing",
                        Map.of("host", List.of(CLIENT_HOST)),
                        new byte[0]));

        ForwardedRequest arrived = received.take();
        assertThat(arrived.method()).isEqualTo("GET");
        assertThat(arrived.body()).isEmpty();
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.headers())
                .containsEntry("content-type", List.of("application/json"))
                .containsEntry("opc-request-id", List.of("owner-req-2"));
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(notFound);
    }

    @Test
    void oneForwarderServesManyThreadsEachItsOwnAnswer() throws Exception {
        URI host = listener(exchange -> {
            received.add(read(exchange));
            respond(exchange, 200, Map.of(), exchange.getRequestURI().toString());
        });
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int call = 0; call < 12; call++) {
                String target = "/20180608/secrets/ocid1.vaultsecret." + call + "?x=%2F" + call;
                answers.add(callers.submit(() -> new String(
                        forwarder
                                .forward(host, new ForwardedRequest("GET", target, Map.of(), null))
                                .body(),
                        StandardCharsets.UTF_8)));
            }
            for (int call = 0; call < 12; call++) {
                assertThat(answers.get(call).get())
                        .isEqualTo("/20180608/secrets/ocid1.vaultsecret." + call + "?x=%2F" + call);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void theListenerRefusesAClientWithoutACertificate() throws Exception {
        URI host = listener(answering(200, Map.of(), "must not be reached"));
        CellForwarder anonymous =
                new CellForwarder(TestPki.tls(null, TestPki.coffer()), Duration.ofSeconds(2), Duration.ofSeconds(5));

        assertThatThrownBy(() -> anonymous.forward(host, get()))
                .isInstanceOf(CellUnreachableException.class)
                .hasMessageStartingWith("cell host " + host + " unreachable: ");
        assertThat(received).isEmpty();
    }

    @Test
    void theListenerRefusesACertificateOfAnotherCa() throws Exception {
        URI host = listener(answering(200, Map.of(), "must not be reached"));
        // trusts the listener, presents a certificate the listener must not trust
        CellForwarder intruder = new CellForwarder(
                TestPki.tls(TestPki.cellStore(TestPki.foreign()), TestPki.coffer()),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5));

        assertThatThrownBy(() -> intruder.forward(host, get()))
                .isInstanceOf(CellUnreachableException.class)
                .hasMessageStartingWith("cell host " + host + " unreachable: ");
        assertThat(received).isEmpty();
    }

    @Test
    void aForwarderOfAnotherPkiCannotReachTheCell() throws Exception {
        URI host = listener(answering(200, Map.of(), "must not be reached"));
        CellForwarder foreign = new CellForwarder(
                CellTls.of(TestPki.foreign(), TestPki.CELL), Duration.ofSeconds(2), Duration.ofSeconds(5));

        assertThatThrownBy(() -> foreign.forward(host, get()))
                .isInstanceOf(CellUnreachableException.class)
                .hasMessageStartingWith("cell host " + host + " unreachable: TLS handshake failed");
        assertThat(received).isEmpty();
    }

    @Test
    void nothingListeningIsConnectionRefused() throws Exception {
        URI nobody;
        try (ServerSocket closedAtOnce = new ServerSocket(0, 1, LOOPBACK)) {
            nobody = URI.create("https://127.0.0.1:" + closedAtOnce.getLocalPort());
        }
        // a deadline far beyond the class's timeout: only a prompt refusal passes
        CellForwarder patient = new CellForwarder(cellTls, Duration.ofSeconds(30), Duration.ofSeconds(60));

        assertThatThrownBy(() -> patient.forward(nobody, get()))
                .isInstanceOf(CellUnreachableException.class)
                .hasMessage("cell host " + nobody + " unreachable: connection refused")
                // the request never left: a caller may try another host of the cell
                .hasCauseInstanceOf(ConnectException.class);
    }

    @Test
    void aHostThatTakesNoConnectionIsUnreachableOnceTheConnectTimeoutPasses() throws Exception {
        ServerSocket neverAccepting = new ServerSocket(0, 1, LOOPBACK);
        sockets.add(neverAccepting);
        fillAcceptQueue(neverAccepting);
        URI host = URI.create("https://127.0.0.1:" + neverAccepting.getLocalPort());
        CellForwarder forwarder = new CellForwarder(cellTls, Duration.ofSeconds(1), Duration.ofSeconds(10));

        assertThatThrownBy(() -> forwarder.forward(host, get()))
                .isInstanceOf(CellUnreachableException.class)
                .hasMessage("cell host " + host + " unreachable: no connection within 1 s")
                // the request never left: a caller may try another host of the cell
                .hasCauseInstanceOf(HttpConnectTimeoutException.class);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aHostThatNeverAnswersIsUnreachableOnceTheDeadlinePasses() throws Exception {
        URI host = listener(exchange -> {
            received.add(read(exchange));
            awaitRelease();
        });
        CellForwarder forwarder = new CellForwarder(cellTls, Duration.ofSeconds(1), Duration.ofSeconds(1));

        assertThatThrownBy(() -> forwarder.forward(host, get()))
                .isInstanceOf(CellUnreachableException.class)
                .hasMessage("cell host " + host + " unreachable: no answer within 1 s");
        assertThat(received).hasSize(1);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aCallGivenUpOnClosesItsConnection() throws Exception {
        // accepts connections (the kernel does) and never says a word, not even TLS
        ServerSocket silent = new ServerSocket(0, 10, LOOPBACK);
        sockets.add(silent);
        URI host = URI.create("https://127.0.0.1:" + silent.getLocalPort());
        CellForwarder forwarder = new CellForwarder(cellTls, Duration.ofSeconds(1), Duration.ofSeconds(1));

        assertThatThrownBy(() -> forwarder.forward(host, get()))
                .isInstanceOf(CellUnreachableException.class)
                .hasMessage("cell host " + host + " unreachable: no answer within 1 s");
        try (Socket connection = silent.accept()) {
            connection.setSoTimeout(5_000);
            InputStream in = connection.getInputStream();
            in.readNBytes(in.available());
            assertThat(in.read()).as("the forwarder closed the connection").isEqualTo(-1);
        }
    }

    @Nested
    class HeaderRules {

        @Test
        void hopByHopHeadersInAnyCase() {
            assertThat(List.of(
                            "Connection",
                            "keep-alive",
                            "Proxy-Authorization",
                            "proxy-authenticate",
                            "Proxy-Connection",
                            "TE",
                            "Trailer",
                            "Transfer-Encoding",
                            "UPGRADE"))
                    .allMatch(CellForwarder::isHopByHop);
            assertThat(List.of("Host", "date", "Authorization", "content-type", "x-content-sha256", "opc-request-id"))
                    .noneMatch(CellForwarder::isHopByHop);
        }

        @Test
        void headersTheConnectionHeaderNamesStayBehind() {
            assertThat(CellForwarder.endToEnd(Map.of(
                            "connection", List.of("close, X-Session", "x-trace"),
                            "X-SESSION", List.of("s"),
                            "X-Trace", List.of("t"),
                            "ETag", List.of("\"v1\""))))
                    .containsOnlyKeys("ETag");
        }

        @Test
        void theReplayCarriesTheOriginalHostAndNotWhatTheJdkClientSets() {
            Map<String, List<String>> sent = CellForwarder.headersToSend(Map.of(
                    "HOST", List.of(CLIENT_HOST),
                    "Content-Length", List.of("12"),
                    "expect", List.of("100-continue"),
                    "x-coffer-forwarded-host", List.of("127.0.0.1:6666"),
                    "date", List.of("Thu, 05 Jan 2023 21:31:40 GMT")));

            assertThat(sent)
                    .containsOnlyKeys("date", CellForwarder.FORWARDED_HOST)
                    .containsEntry("X-Coffer-Forwarded-Host", List.of(CLIENT_HOST));
        }

        @Test
        void withoutAHostNothingIsClaimedForIt() {
            assertThat(CellForwarder.headersToSend(Map.of(
                            "date", List.of("Thu, 05 Jan 2023 21:31:40 GMT"),
                            "X-Coffer-Forwarded-Host", List.of("127.0.0.1:6666"))))
                    .containsOnlyKeys("date");
        }

        @Test
        void theRawTargetIsAppendedAsReceived() {
            assertThat(CellForwarder.target(URI.create("https://127.0.0.1:8282/"), SIGNED_TARGET)
                            .toString())
                    .isEqualTo("https://127.0.0.1:8282" + SIGNED_TARGET);
            assertThat(CellForwarder.target(URI.create("https://127.0.0.1:8282/cell"), "/a%20b?c=%26")
                            .getRawQuery())
                    .isEqualTo("c=%26");
            assertThatThrownBy(() -> CellForwarder.target(URI.create("http://127.0.0.1:8080"), "/"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not the https base URI of a cell host: http://127.0.0.1:8080");
        }
    }

    /** A cell-internal listener on 127.0.0.1: TLS with Coffer's CA, a client certificate required. */
    private URI listener(HttpHandler handler) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(listenerTls) {
            @Override
            public void configure(HttpsParameters parameters) {
                // through SSLParameters: JDK 17's server applies HttpsParameters.setNeedClientAuth and then resets it
                // with setWantClientAuth(false), so a client without a certificate would get in
                SSLParameters required = getSSLContext().getDefaultSSLParameters();
                required.setNeedClientAuth(true);
                parameters.setSSLParameters(required);
            }
        });
        server.createContext("/", handler);
        server.setExecutor(handlerThreads);
        server.start();
        servers.add(server);
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Connects until the kernel takes no more connections for the socket, which never accepts them. */
    private void fillAcceptQueue(ServerSocket neverAccepting) throws IOException {
        for (int filler = 0; filler < 16; filler++) {
            Socket connection = new Socket();
            sockets.add(connection);
            try {
                connection.connect(neverAccepting.getLocalSocketAddress(), 200);
            } catch (SocketTimeoutException full) {
                return;
            }
        }
        throw new AssertionError("the accept queue of " + neverAccepting + " never filled up");
    }

    private HttpHandler answering(int status, Map<String, String> headers, String body) {
        return exchange -> {
            received.add(read(exchange));
            Map<String, String> withHopByHop = new HashMap<>(headers);
            // for the forwarder to drop
            withHopByHop.put("Keep-Alive", "timeout=5");
            withHopByHop.put("Connection", "X-Hop-Only");
            withHopByHop.put("X-Hop-Only", "for this hop");
            respond(exchange, status, withHopByHop, body);
        };
    }

    private static ForwardedRequest read(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new ForwardedRequest(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders(),
                    in.readAllBytes());
        }
    }

    private static void respond(HttpExchange exchange, int status, Map<String, String> headers, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void awaitRelease() {
        try {
            released.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException impossible) {
            throw new AssertionError(impossible);
        }
    }

    private static ForwardedRequest get() {
        return new ForwardedRequest("GET", SIGNED_TARGET, Map.of("host", List.of(CLIENT_HOST)), null);
    }

    private static byte[] everyByte() {
        byte[] bytes = new byte[256];
        for (int value = 0; value < bytes.length; value++) {
            bytes[value] = (byte) value;
        }
        return bytes;
    }

    private static String sha256(byte[] body) throws NoSuchAlgorithmException {
        return Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
    }
}
