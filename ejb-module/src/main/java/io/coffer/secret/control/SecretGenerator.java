package io.coffer.secret.control;

import io.coffer.platform.failure.CofferException;
import io.coffer.secret.entity.SecretGenerationContext;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Generates secret content from a {@code secretGenerationContext}, with {@link SecureRandom}. The result is the
 * plaintext that gets sealed: it is returned as bytes and never logged, kept or put in a message.
 *
 * <p>OCI's generation types and templates:
 * <ul>
 * <li>{@code PASSPHRASE} with {@code SECRETS_DEFAULT_PASSWORD} or {@code DBAAS_DEFAULT_PASSWORD}; OCI generates
 * passphrases of up to 32 characters, so {@code passphraseLength} is 14 to 32 (Coffer's lower bound; default 32, and
 * 30 for DBAAS, Oracle Database's longest password). SECRETS_DEFAULT_PASSWORD mixes upper and lower case letters,
 * digits and the shell-safe specials {@value #SPECIALS}, at least one of each; DBAAS_DEFAULT_PASSWORD follows
 * Oracle Database's rules: begins with a letter, at least two each of upper case, lower case, digits and the
 * specials {@code _ # -}. Placeholder {@value #PASSPHRASE}.</li>
 * <li>{@code BYTES} with {@code BYTES_512} or {@code BYTES_1024}: that many random bytes (OCI: "512 and 1024
 * bytes"). Without a template the content is the bytes themselves; in a template, placeholder {@value #BYTES}
 * becomes their base64.</li>
 * <li>{@code SSH_KEY} with {@code RSA_2048}, {@code RSA_3072} or {@code RSA_4096}: an RSA key pair, the private key
 * as PKCS#8 PEM and the public key as X.509 PEM. Without a template the content is OCI's default structure
 * {@code {"publicKey": "…", "privateKey": "…"}} as valid JSON; a template must hold both {@value #PUBLIC_KEY} and
 * {@value #PRIVATE_KEY}.</li>
 * </ul>
 * A template (OCI: "must have the keyword") is plain text of at most {@value #MAX_TEMPLATE} characters; every
 * occurrence of a placeholder is replaced, and the result must stay within OCI's 25 KB.
 */
public final class SecretGenerator {

    public static final String PASSPHRASE = "%GENERATED_PASSPHRASE%";
    public static final String BYTES = "%GENERATED_BYTES%";
    public static final String PUBLIC_KEY = "%GENERATED_PUBLIC_KEY%";
    public static final String PRIVATE_KEY = "%GENERATED_PRIVATE_KEY%";
    public static final int MIN_PASSPHRASE = 14;
    public static final int MAX_PASSPHRASE = 32;
    public static final int MAX_TEMPLATE = 8192;
    public static final String SPECIALS = "!#%&*+-.:=?@^_~";

    static final String SECRETS_DEFAULT_PASSWORD = "SECRETS_DEFAULT_PASSWORD";
    static final String DBAAS_DEFAULT_PASSWORD = "DBAAS_DEFAULT_PASSWORD";

    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String DIGITS = "0123456789";
    private static final String DBAAS_SPECIALS = "_#-";

    private final SecureRandom random;

    public SecretGenerator() {
        this(new SecureRandom());
    }

    public SecretGenerator(SecureRandom random) {
        this.random = random;
    }

    /** The context as stored and echoed: checked, defaults filled in, a blank template dropped. */
    public static SecretGenerationContext validate(SecretGenerationContext context) {
        String field = "secretGenerationContext";
        if (context.generationType() == null) {
            throw CofferException.missing(field + ".generationType");
        }
        if (context.generationTemplate() == null) {
            throw CofferException.missing(field + ".generationTemplate");
        }
        String template =
                context.secretTemplate() == null || context.secretTemplate().isBlank()
                        ? null
                        : context.secretTemplate();
        if (template != null && template.length() > MAX_TEMPLATE) {
            throw CofferException.invalid(field + ".secretTemplate is longer than " + MAX_TEMPLATE + " characters");
        }
        String generationTemplate = context.generationTemplate();
        switch (context.generationType()) {
            case SecretGenerationContext.PASSPHRASE -> {
                if (!generationTemplate.equals(SECRETS_DEFAULT_PASSWORD)
                        && !generationTemplate.equals(DBAAS_DEFAULT_PASSWORD)) {
                    throw badTemplate(
                            field,
                            "PASSPHRASE",
                            "SECRETS_DEFAULT_PASSWORD or DBAAS_DEFAULT_PASSWORD",
                            generationTemplate);
                }
                int length = context.passphraseLength() != null
                        ? context.passphraseLength()
                        : generationTemplate.equals(DBAAS_DEFAULT_PASSWORD) ? 30 : MAX_PASSPHRASE;
                if (length < MIN_PASSPHRASE || length > MAX_PASSPHRASE) {
                    throw CofferException.invalid(field + ".passphraseLength must be between " + MIN_PASSPHRASE
                            + " and " + MAX_PASSPHRASE + ", not " + length);
                }
                requirePlaceholders(field, template, PASSPHRASE);
                return new SecretGenerationContext(
                        SecretGenerationContext.PASSPHRASE, generationTemplate, length, template);
            }
            case SecretGenerationContext.BYTES -> {
                if (!generationTemplate.equals("BYTES_512") && !generationTemplate.equals("BYTES_1024")) {
                    throw badTemplate(field, "BYTES", "BYTES_512 or BYTES_1024", generationTemplate);
                }
                noPassphraseLength(field, context, "BYTES");
                requirePlaceholders(field, template, BYTES);
                return new SecretGenerationContext(SecretGenerationContext.BYTES, generationTemplate, null, template);
            }
            case SecretGenerationContext.SSH_KEY -> {
                if (!generationTemplate.equals("RSA_2048")
                        && !generationTemplate.equals("RSA_3072")
                        && !generationTemplate.equals("RSA_4096")) {
                    throw badTemplate(field, "SSH_KEY", "RSA_2048, RSA_3072 or RSA_4096", generationTemplate);
                }
                noPassphraseLength(field, context, "SSH_KEY");
                requirePlaceholders(field, template, PUBLIC_KEY, PRIVATE_KEY);
                return new SecretGenerationContext(SecretGenerationContext.SSH_KEY, generationTemplate, null, template);
            }
            default ->
                throw CofferException.invalid(field + ".generationType must be PASSPHRASE, SSH_KEY or BYTES, " + "not '"
                        + context.generationType() + "'");
        }
    }

    private static CofferException badTemplate(String field, String type, String allowed, String given) {
        return CofferException.invalid(
                field + ".generationTemplate for " + type + " must be " + allowed + ", not '" + given + "'");
    }

    private static void noPassphraseLength(String field, SecretGenerationContext context, String type) {
        if (context.passphraseLength() != null) {
            throw CofferException.invalid(field + ".passphraseLength is not a property of " + type);
        }
    }

    private static void requirePlaceholders(String field, String template, String... placeholders) {
        if (template == null) {
            return;
        }
        for (String placeholder : placeholders) {
            if (!template.contains(placeholder)) {
                throw CofferException.invalid(field + ".secretTemplate must contain " + placeholder);
            }
        }
    }

    /** Fresh content for a validated context: the plaintext to seal. */
    public byte[] generate(SecretGenerationContext context) {
        String template = context.secretTemplate();
        byte[] content = switch (context.generationType()) {
            case SecretGenerationContext.PASSPHRASE -> {
                String passphrase = passphrase(context.generationTemplate(), context.passphraseLength());
                yield utf8(template == null ? passphrase : template.replace(PASSPHRASE, passphrase));
            }
            case SecretGenerationContext.BYTES -> {
                byte[] bytes = new byte[context.generationTemplate().equals("BYTES_1024") ? 1024 : 512];
                random.nextBytes(bytes);
                yield template == null
                        ? bytes
                        : utf8(template.replace(BYTES, Base64.getEncoder().encodeToString(bytes)));
            }
            case SecretGenerationContext.SSH_KEY -> sshKey(rsaBits(context.generationTemplate()), template);
            default -> throw new IllegalArgumentException("unvalidated generation type " + context.generationType());
        };
        return SecretInputRules.withinContentLimit("generated secret content", content);
    }

    /** The RSA modulus size of an SSH_KEY generation template. */
    static int rsaBits(String generationTemplate) {
        return Integer.parseInt(generationTemplate.substring("RSA_".length()));
    }

    String passphrase(String generationTemplate, int length) {
        boolean dbaas = DBAAS_DEFAULT_PASSWORD.equals(generationTemplate);
        String specials = dbaas ? DBAAS_SPECIALS : SPECIALS;
        int each = dbaas ? 2 : 1;
        String all = UPPER + LOWER + DIGITS + specials;
        char[] chars = new char[length];
        int i = 0;
        for (String required : new String[] {UPPER, LOWER, DIGITS, specials}) {
            for (int n = 0; n < each; n++) {
                chars[i++] = pick(required);
            }
        }
        while (i < length) {
            chars[i++] = pick(all);
        }
        for (int j = chars.length - 1; j > 0; j--) {
            int k = random.nextInt(j + 1);
            char swap = chars[j];
            chars[j] = chars[k];
            chars[k] = swap;
        }
        if (dbaas && !Character.isLetter(chars[0])) {
            for (int j = 1; j < chars.length; j++) {
                if (Character.isLetter(chars[j])) {
                    char swap = chars[0];
                    chars[0] = chars[j];
                    chars[j] = swap;
                    break;
                }
            }
        }
        return new String(chars);
    }

    private char pick(String alphabet) {
        return alphabet.charAt(random.nextInt(alphabet.length()));
    }

    private byte[] sshKey(int bits, String template) {
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits, random);
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot generate RSA keys", e);
        }
        String publicPem = pem("PUBLIC KEY", pair.getPublic().getEncoded());
        String privatePem = pem("PRIVATE KEY", pair.getPrivate().getEncoded());
        if (template == null) {
            return utf8("{\"publicKey\":\"" + jsonEscaped(publicPem) + "\",\"privateKey\":\"" + jsonEscaped(privatePem)
                    + "\"}");
        }
        return utf8(template.replace(PUBLIC_KEY, publicPem).replace(PRIVATE_KEY, privatePem));
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    /** PEM holds base64, dashes, spaces and newlines: only the newlines need escaping inside a JSON string. */
    private static String jsonEscaped(String pem) {
        return pem.replace("\n", "\\n");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
