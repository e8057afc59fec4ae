package io.coffer.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS client of a host's cell-internal listener: another cell's host when it presents a certificate of Coffer's CA,
 * an intruder otherwise. It trusts only the trust store it is given (no trust-all) and checks the host name as any
 * HTTPS client does.
 */
public final class CellTls {

    private CellTls() {}

    /** A client that presents the key store's certificate ({@code keyStore} null: none) and trusts that trust store. */
    public static SSLContext client(
            Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword) {
        try {
            KeyManager[] keys = null;
            if (keyStore != null) {
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(load(keyStore, keyStorePassword), keyStorePassword.toCharArray());
                keys = factory.getKeyManagers();
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(trustStore, trustStorePassword));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException unusable) {
            throw new AssertionError("cannot make a TLS client: " + unusable, unusable);
        }
    }

    /** One GET over a new connection; an {@link IOException} when the listener refuses the client. */
    public static HttpResponse<String> get(SSLContext client, String url) throws IOException {
        HttpClient http = HttpClient.newBuilder()
                .sslContext(client)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(20))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private static KeyStore load(Path file, String password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }
}
