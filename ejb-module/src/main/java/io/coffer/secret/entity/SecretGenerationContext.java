package io.coffer.secret.entity;

/**
 * OCI's {@code SecretGenerationContext} as a flat union of {@code PASSPHRASE}, {@code SSH_KEY} and {@code BYTES}:
 * {@code passphraseLength} belongs to PASSPHRASE only.
 */
public record SecretGenerationContext(
        String generationType, String generationTemplate, Integer passphraseLength, String secretTemplate) {

    public static final String PASSPHRASE = "PASSPHRASE";
    public static final String SSH_KEY = "SSH_KEY";
    public static final String BYTES = "BYTES";

    public static SecretGenerationContext passphrase(String template, Integer length) {
        return new SecretGenerationContext(PASSPHRASE, template, length, null);
    }

    public static SecretGenerationContext sshKey(String template) {
        return new SecretGenerationContext(SSH_KEY, template, null, null);
    }

    public static SecretGenerationContext bytes(String template) {
        return new SecretGenerationContext(BYTES, template, null, null);
    }

    public SecretGenerationContext withSecretTemplate(String secretTemplate) {
        return new SecretGenerationContext(generationType, generationTemplate, passphraseLength, secretTemplate);
    }
}
