package io.coffer.cell.control;

import io.coffer.routing.entity.Ocids;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Which resource decides the cell that serves an OCI request: the vault a request names, or the secret it names (whose
 * route says its vault's shard). Keys, secrets, versions and bundles go by their vault, never by the caller, so an
 * operator's or another tenancy's request lands where the data is. Requests that name neither (creating or listing
 * vaults, listing a compartment's secrets without a vault, the admin API, the console) are served where they arrive.
 *
 * <p>Only what has the shape of an OCID is returned: anything else is left to the host that received it, which
 * answers 400 or 404 as it does today, so a malformed request never costs a forward.
 */
public final class OwningResources {

    private static final String VAULTS = "20180608/vaults";
    private static final String SECRETS = "20180608/secrets";
    private static final String KEYS_PREFIX = "kms/";
    private static final String KEYS_SUFFIX = "/20180608/keys";
    private static final String BUNDLES = "20190301/secretbundles";
    private static final String BY_NAME = BUNDLES + "/actions/getByName";

    private OwningResources() {}

    /**
     * @param method the HTTP method
     * @param path   the request path below the application's root, with or without a leading slash, not decoded
     * @param query  the raw query string (null when there is none)
     * @param body   the request body as it arrived (empty when none)
     * @return the vault or secret OCID whose route chooses the cell, if the request names one
     */
    public static Optional<String> of(String method, String path, String query, byte[] body) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.startsWith(KEYS_PREFIX)) {
            int end = trimmed.indexOf('/', KEYS_PREFIX.length());
            return end > 0 && trimmed.startsWith(KEYS_SUFFIX, end)
                    ? ocid(trimmed.substring(KEYS_PREFIX.length(), end))
                    : Optional.empty();
        }
        if (trimmed.equals(SECRETS)) {
            return "POST".equals(method) ? vaultIdOf(body) : queryParameter(query, "vaultId");
        }
        if (trimmed.equals(BY_NAME)) {
            return "POST".equals(method) ? vaultIdOf(body) : Optional.empty();
        }
        return firstSegmentBelow(trimmed, VAULTS)
                .or(() -> firstSegmentBelow(trimmed, SECRETS))
                .or(() -> firstSegmentBelow(trimmed, BUNDLES))
                .flatMap(OwningResources::ocid);
    }

    /** {@code <collection>/<id>} or {@code <collection>/<id>/...}: the id. */
    private static Optional<String> firstSegmentBelow(String path, String collection) {
        if (!path.startsWith(collection + "/")) {
            return Optional.empty();
        }
        String rest = path.substring(collection.length() + 1);
        int slash = rest.indexOf('/');
        return Optional.of(slash < 0 ? rest : rest.substring(0, slash));
    }

    private static Optional<String> queryParameter(String query, String name) {
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && name.equals(pair.substring(0, equals))) {
                try {
                    return ocid(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException malformed) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** The body's top-level {@code vaultId}, if the body is a JSON object that has one as a string. */
    private static Optional<String> vaultIdOf(byte[] body) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            JsonValue value = reader.readValue();
            if (value instanceof JsonObject object && object.get("vaultId") instanceof JsonString vaultId) {
                return ocid(vaultId.getString());
            }
            return Optional.empty();
        } catch (JsonException | IllegalStateException malformed) {
            // the host that received it answers the malformed body with its 400
            return Optional.empty();
        }
    }

    private static Optional<String> ocid(String text) {
        return Ocids.looksLikeOcid(text) ? Optional.of(text) : Optional.empty();
    }
}
