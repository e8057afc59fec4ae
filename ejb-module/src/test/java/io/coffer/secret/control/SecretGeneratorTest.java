package io.coffer.secret.control;

import static io.coffer.secret.control.SecretFixtures.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.platform.failure.ErrorCode;
import io.coffer.secret.entity.SecretGenerationContext;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretGeneratorTest {

    private final SecretGenerator generator = new SecretGenerator();

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void passphraseLengthsDefaultPerTemplateAndStayWithin14And32() {
        assertThat(SecretGenerator.validate(SecretGenerationContext.passphrase("SECRETS_DEFAULT_PASSWORD", null))
                        .passphraseLength())
                .isEqualTo(32);
        assertThat(SecretGenerator.validate(SecretGenerationContext.passphrase("DBAAS_DEFAULT_PASSWORD", null))
                        .passphraseLength())
                .isEqualTo(30);
        assertThat(SecretGenerator.validate(SecretGenerationContext.passphrase("DBAAS_DEFAULT_PASSWORD", 14))
                        .passphraseLength())
                .isEqualTo(14);
        assertRefused(
                () -> SecretGenerator.validate(SecretGenerationContext.passphrase("SECRETS_DEFAULT_PASSWORD", 13)),
                ErrorCode.INVALID_PARAMETER,
                "secretGenerationContext.passphraseLength must be between 14 and 32, not 13");
        assertRefused(
                () -> SecretGenerator.validate(SecretGenerationContext.passphrase("SECRETS_DEFAULT_PASSWORD", 33)),
                ErrorCode.INVALID_PARAMETER,
                "between 14 and 32, not 33");
    }

    @Test
    void eachTypeAcceptsOnlyItsOwnTemplates() {
        assertRefused(
                () -> SecretGenerator.validate(SecretGenerationContext.passphrase("RSA_2048", null)),
                ErrorCode.INVALID_PARAMETER,
                "generationTemplate for PASSPHRASE must be SECRETS_DEFAULT_PASSWORD or "
                        + "DBAAS_DEFAULT_PASSWORD, not 'RSA_2048'");
        assertRefused(
                () -> SecretGenerator.validate(SecretGenerationContext.bytes("BYTES_256")),
                ErrorCode.INVALID_PARAMETER,
                "must be BYTES_512 or BYTES_1024");
        assertRefused(
                () -> SecretGenerator.validate(SecretGenerationContext.sshKey("RSA_1024")),
                ErrorCode.INVALID_PARAMETER,
                "must be RSA_2048, RSA_3072 or RSA_4096");
        assertRefused(
                () -> SecretGenerator.validate(new SecretGenerationContext("PASSWORD", "X", null, null)),
                ErrorCode.INVALID_PARAMETER,
                "generationType must be PASSPHRASE, SSH_KEY or BYTES, not 'PASSWORD'");
        assertRefused(
                () -> SecretGenerator.validate(new SecretGenerationContext(null, "BYTES_512", null, null)),
                ErrorCode.MISSING_PARAMETER,
                "secretGenerationContext.generationType is required");
        assertRefused(
                () -> SecretGenerator.validate(new SecretGenerationContext("BYTES", null, null, null)),
                ErrorCode.MISSING_PARAMETER,
                "secretGenerationContext.generationTemplate is required");
        assertRefused(
                () -> SecretGenerator.validate(new SecretGenerationContext("BYTES", "BYTES_512", 20, null)),
                ErrorCode.INVALID_PARAMETER,
                "passphraseLength is not a property of BYTES");
    }

    @Test
    void aTemplateMustHoldItsPlaceholdersAndABlankOneIsNone() {
        assertRefused(
                () -> SecretGenerator.validate(SecretGenerationContext.passphrase("SECRETS_DEFAULT_PASSWORD", null)
                        .withSecretTemplate("{\"password\": \"%GENERATED_BYTES%\"}")),
                ErrorCode.INVALID_PARAMETER,
                "secretGenerationContext.secretTemplate must contain %GENERATED_PASSPHRASE%");
        assertRefused(
                () -> SecretGenerator.validate(
                        SecretGenerationContext.sshKey("RSA_2048").withSecretTemplate("%GENERATED_PUBLIC_KEY%")),
                ErrorCode.INVALID_PARAMETER,
                "must contain %GENERATED_PRIVATE_KEY%");
        assertRefused(
                () -> SecretGenerator.validate(SecretGenerationContext.bytes("BYTES_512")
                        .withSecretTemplate("%GENERATED_BYTES%" + "x".repeat(8192))),
                ErrorCode.INVALID_PARAMETER,
                "secretTemplate is longer than 8192 characters");
        assertThat(SecretGenerator.validate(
                                SecretGenerationContext.bytes("BYTES_512").withSecretTemplate(" "))
                        .secretTemplate())
                .isNull();
    }

    @Test
    void secretsDefaultPasswordsMixEveryCharacterClass() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String passphrase = generator.passphrase("SECRETS_DEFAULT_PASSWORD", 14);
            assertThat(passphrase)
                    .hasSize(14)
                    .matches(".*[A-Z].*")
                    .matches(".*[a-z].*")
                    .matches(".*[0-9].*")
                    .matches(".*[!#%&*+\\-.:=?@^_~].*")
                    .matches("[A-Za-z0-9!#%&*+\\-.:=?@^_~]+");
            seen.add(passphrase);
        }
        assertThat(seen).hasSize(200);
    }

    @Test
    void dbaasPasswordsFollowOracleDatabaseRules() {
        for (int i = 0; i < 200; i++) {
            String passphrase = generator.passphrase("DBAAS_DEFAULT_PASSWORD", 14);
            assertThat(passphrase).hasSize(14).matches("[A-Za-z][A-Za-z0-9_#-]+");
            assertThat(passphrase.chars().filter(Character::isUpperCase).count())
                    .isGreaterThanOrEqualTo(2);
            assertThat(passphrase.chars().filter(Character::isLowerCase).count())
                    .isGreaterThanOrEqualTo(2);
            assertThat(passphrase.chars().filter(Character::isDigit).count()).isGreaterThanOrEqualTo(2);
            assertThat(passphrase.chars().filter(c -> "_#-".indexOf(c) >= 0).count())
                    .isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aPassphraseFillsEveryPlaceholderOfItsTemplate() {
        SecretGenerationContext context =
                SecretGenerator.validate(SecretGenerationContext.passphrase("SECRETS_DEFAULT_PASSWORD", 20)
                        .withSecretTemplate("user=app;pass=%GENERATED_PASSPHRASE%;again=" + "%GENERATED_PASSPHRASE%"));
        String content = text(generator.generate(context));
        assertThat(content).startsWith("user=app;pass=").doesNotContain("%GENERATED");
        String[] parts = content.split(";");
        assertThat(parts[1].substring("pass=".length())).hasSize(20).isEqualTo(parts[2].substring("again=".length()));
        assertThat(generator.generate(
                        SecretGenerator.validate(SecretGenerationContext.passphrase("SECRETS_DEFAULT_PASSWORD", null))))
                .hasSize(32);
    }

    @ParameterizedTest
    @CsvSource({"BYTES_512, 512", "BYTES_1024, 1024"})
    void bytesAreThatManyRandomBytes(String template, int size) {
        SecretGenerationContext context = SecretGenerator.validate(SecretGenerationContext.bytes(template));
        byte[] first = generator.generate(context);
        assertThat(first).hasSize(size);
        assertThat(generator.generate(context)).isNotEqualTo(first);
        String templated = text(generator.generate(context.withSecretTemplate("{\"key\": \"%GENERATED_BYTES%\"}")));
        String base64 = templated.substring("{\"key\": \"".length(), templated.length() - 2);
        assertThat(Base64.getDecoder().decode(base64)).hasSize(size);
    }

    @Test
    void sshKeysArePemKeyPairsInOcisDefaultJsonStructure() throws Exception {
        SecretGenerationContext context = SecretGenerator.validate(SecretGenerationContext.sshKey("RSA_2048"));
        JsonObject pair = Json.createReader(new StringReader(text(generator.generate(context))))
                .readObject();
        String publicPem = pair.getString("publicKey");
        String privatePem = pair.getString("privateKey");
        assertThat(publicPem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        assertThat(privatePem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(der(publicPem)));
        RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der(privatePem)));
        assertThat(publicKey.getModulus().bitLength()).isEqualTo(2048);
        assertThat(privateKey.getModulus()).isEqualTo(publicKey.getModulus());

        String templated = text(generator.generate(
                context.withSecretTemplate("pub=%GENERATED_PUBLIC_KEY%\npriv=%GENERATED_PRIVATE_KEY%")));
        assertThat(templated).startsWith("pub=-----BEGIN PUBLIC KEY-----").contains("priv=-----BEGIN PRIVATE KEY-----");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA_2048", "RSA_3072", "RSA_4096"})
    void sshTemplatesNameTheirModulusSize(String template) {
        assertThat(SecretGenerator.rsaBits(template)).isEqualTo(Integer.parseInt(template.substring(4)));
    }

    private static byte[] der(String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replace("\n", "");
        return Base64.getDecoder().decode(body);
    }
}
