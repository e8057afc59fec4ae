package io.coffer.secret.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.platform.failure.CofferException;
import io.coffer.platform.failure.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SecretVersionTest {

    private static final Instant T0 = Instant.parse("2026-11-25T02:13:29.468Z");
    private static final String SECRET = "ocid1.vaultsecret.oc1.coffer.aaaaaaaaaaaaaa";

    private static SecretVersion version() {
        return new SecretVersion(
                SECRET, 3, "v3", T0, false, new SealedContent(new byte[] {1, 2, 3}, "keyversion-1", new byte[] {4, 5}));
    }

    @Test
    void itsIdIsTheSecretAndTheNumber() {
        SecretVersion version = version();
        assertThat(version.id()).isEqualTo(SECRET + "/3");
        assertThat(SecretVersion.idOf(SECRET, 3)).isEqualTo(version.id());
        assertThat(version.contentType()).isEqualTo("BASE64");
        assertThat(version.encryptedContent()).containsExactly(1, 2, 3);
        assertThat(version.keyVersionId()).isEqualTo("keyversion-1");
        assertThat(version.stages()).isEmpty();
    }

    @Test
    void stagesKeepOciOrderAndDeprecationFollowsTheStagesInUse() {
        SecretVersion version = version();
        version.addStage(Stage.LATEST);
        version.addStage(Stage.CURRENT);
        version.settleDeprecation();
        assertThat(version.stages()).containsExactly(Stage.CURRENT, Stage.LATEST);
        version.removeStage(Stage.CURRENT);
        version.settleDeprecation();
        assertThat(version.stages()).containsExactly(Stage.LATEST, Stage.DEPRECATED);
        version.addStage(Stage.PREVIOUS);
        version.settleDeprecation();
        assertThat(version.stages()).containsExactly(Stage.LATEST, Stage.PREVIOUS);
    }

    @Test
    void deletionIsScheduledCancelledAndCompletedIntoATombstone() {
        SecretVersion version = version();
        assertThat(version.isInActiveUse()).isTrue();
        Instant when = T0.plus(Duration.ofDays(2));
        version.scheduleDeletion(when);
        assertThat(version.isPendingDeletion()).isTrue();
        assertThat(version.isInActiveUse()).isFalse();
        assertThatThrownBy(() -> version.scheduleDeletion(when))
                .isInstanceOfSatisfying(
                        CofferException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INCORRECT_STATE));
        version.cancelDeletion();
        assertThat(version.timeOfDeletion()).isNull();
        assertThatThrownBy(version::cancelDeletion)
                .isInstanceOfSatisfying(
                        CofferException.class,
                        e -> assertThat(e.getMessage()).contains("is not scheduled for deletion"));

        version.scheduleDeletion(when);
        assertThat(version.isDueForDeletion(when.minusMillis(1))).isFalse();
        assertThat(version.isDueForDeletion(when)).isTrue();
        version.completeDeletion(when, true);
        assertThat(version.isDeleted()).isTrue();
        assertThat(version.isPendingDeletion()).isFalse();
        assertThat(version.encryptedContent()).isNull();
        assertThat(version.keyVersionId())
                .as("kept with the digest, which is keyed under it")
                .isEqualTo("keyversion-1");
        assertThat(version.contentDigest()).containsExactly(4, 5);
        assertThat(version.timeDeleted()).isEqualTo(when);
        assertThatThrownBy(() -> version.scheduleDeletion(when))
                .isInstanceOfSatisfying(
                        CofferException.class, e -> assertThat(e.getMessage()).contains("is deleted"));
    }

    @Test
    void deletingWithTheWholeSecretDropsTheDigestToo() {
        SecretVersion version = version();
        version.completeDeletion(T0, false);
        assertThat(version.contentDigest()).isNull();
    }

    @Test
    void expiresAtItsTimeOfExpiry() {
        SecretVersion version = version();
        assertThat(version.isExpired(T0.plus(Duration.ofDays(1000)))).isFalse();
        version.expireAt(T0.plus(Duration.ofDays(1)));
        assertThat(version.isExpired(T0.plus(Duration.ofDays(1)).minusMillis(1)))
                .isFalse();
        assertThat(version.isExpired(T0.plus(Duration.ofDays(1)))).isTrue();
    }

    @Test
    void sealedContentRefusesToBeIncompleteAndNeverPrintsItsBytes() {
        assertThatThrownBy(() -> new SealedContent(new byte[0], "kv", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SealedContent(new byte[] {1}, " ", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new SealedContent(new byte[] {65, 66}, "kv", null).toString())
                .isEqualTo("SealedContent[2 bytes, keyVersionId=kv]");
    }
}
