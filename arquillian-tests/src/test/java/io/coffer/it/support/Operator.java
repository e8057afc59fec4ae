package io.coffer.it.support;

import io.coffer.it.support.Http.Reply;
import io.coffer.server.signing.OciRequestSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The operator of a running Coffer, signing with the credentials Coffer wrote at {@code <home>/operator/config} on
 * its first start (the tests wait for them, as a user would read them after {@code ./coffer start}).
 */
public final class Operator {

    private final OciRequestSigner signer;

    private Operator(OciRequestSigner signer) {
        this.signer = signer;
    }

    public static Operator of(Path home) {
        Path config = home.resolve("operator/config");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!Files.isRegularFile(config) && Instant.now().isBefore(deadline)) {
            Http.sleep(250);
        }
        try {
            return new Operator(OciRequestSigner.fromConfig(config));
        } catch (IOException failure) {
            throw new UncheckedIOException("no operator credentials at " + config, failure);
        }
    }

    public Reply get(String url) {
        return Http.signed(signer, "GET", url, null);
    }

    public Reply post(String url, String json) {
        return Http.signed(signer, "POST", url, json);
    }

    public Reply put(String url, String json) {
        return Http.signed(signer, "PUT", url, json);
    }

    /** Waits until the operator's key is registered and a signed call goes through (at most two minutes). */
    public Operator ready(String baseUrl) {
        Reply reply = Http.await(
                Duration.ofMinutes(2), answer -> answer.status() == 200, () -> get(baseUrl + "/admin/v1/replication"));
        if (reply == null || reply.status() != 200) {
            throw new AssertionError(
                    "the operator cannot call " + baseUrl + ": " + (reply == null ? "no answer" : reply.body()));
        }
        return this;
    }

    public OciRequestSigner signer() {
        return signer;
    }
}
