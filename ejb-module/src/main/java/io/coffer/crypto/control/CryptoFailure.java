package io.coffer.crypto.control;

/**
 * Something sealed does not open: the ciphertext was altered or belongs to another place, or the key is not the one
 * that sealed it. Never a client mistake, and the message never carries key material or plaintext.
 */
public class CryptoFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CryptoFailure(String message) {
        super(message);
    }

    public CryptoFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
