package io.coffer.bundle.entity.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.oracle.bmc.http.client.Serializer;
import com.oracle.bmc.secrets.model.Base64SecretBundleContentDetails;
import com.oracle.bmc.secrets.model.SecretBundle;
import io.coffer.secret.entity.SealedContent;
import io.coffer.secret.entity.SecretVersion;
import io.coffer.secret.entity.Stage;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bundle written out directly must say exactly what JSON-B said, and the SDK must read it. */
class SecretBundleJsonTest {

    private static final Instant T0 = Instant.parse("2026-11-25T02:13:29.468Z");
    private static final String ID = "ocid1.vaultsecret.oc1.coffer.aaaaaaaaaaaaaa";
    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final byte[] CONTENT = "s3cr\"t\\".getBytes(StandardCharsets.UTF_8);

    private static SecretVersion version(String name) {
        SecretVersion version =
                new SecretVersion(ID, 3, name, T0, false, new SealedContent(new byte[] {1}, "kv", null));
        version.addStage(Stage.CURRENT);
        version.addStage(Stage.LATEST);
        return version;
    }

    @Test
    void aBundleIsTheSameJsonAsJsonbWrites() {
        SecretVersion version = version("quote \" backslash \\ newline \n tab \t bell \u0007 é");
        version.expireAt(T0.plus(Duration.ofDays(3)));
        SecretBundleJson bundle = SecretBundleJson.of(version, CONTENT, null);

        assertThat(parse(bundle.toJson())).isEqualTo(parse(JSONB.toJson(bundle)));
    }

    @Test
    void nullMembersAreLeftOutAndMetadataIsWrittenAsJsonb() {
        SecretBundleJson bundle = SecretBundleJson.of(
                version(null),
                CONTENT,
                Map.of("url", "https://example", "nested", Map.of("n", 1, "list", List.of(true))));

        String json = bundle.toJson();

        assertThat(parse(json)).isEqualTo(parse(JSONB.toJson(bundle)));
        assertThat(json).doesNotContain("versionName", "timeOfDeletion", "timeOfExpiry", "null");
    }

    @Test
    void aSummaryWithoutContentIsTheSameJsonAsJsonbWrites() {
        SecretBundleJson summary = SecretBundleJson.summary(version("v3"));

        assertThat(parse(summary.toJson())).isEqualTo(parse(JSONB.toJson(summary)));
        assertThat(summary.toJson()).doesNotContain("secretBundleContent");
    }

    @Test
    void theSdkReadsTheBundle() throws Exception {
        String json = SecretBundleJson.of(version("v3"), CONTENT, Map.of("owner", "ops"))
                .toJson();

        SecretBundle read = Serializer.getDefault().readValue(json, SecretBundle.class);

        assertThat(read.getSecretId()).isEqualTo(ID);
        assertThat(read.getVersionNumber()).isEqualTo(3L);
        assertThat(read.getVersionName()).isEqualTo("v3");
        assertThat(read.getTimeCreated()).isEqualTo(Date.from(T0));
        assertThat(read.getStages()).containsExactly(SecretBundle.Stages.Current, SecretBundle.Stages.Latest);
        assertThat(read.getMetadata()).containsEntry("owner", "ops");
        assertThat(Base64.getDecoder()
                        .decode(((Base64SecretBundleContentDetails) read.getSecretBundleContent()).getContent()))
                .isEqualTo(CONTENT);
    }

    private static JsonObject parse(String json) {
        return JSONB.fromJson(json, JsonObject.class);
    }
}
