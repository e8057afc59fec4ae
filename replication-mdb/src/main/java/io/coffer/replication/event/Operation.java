package io.coffer.replication.event;

/** What an event does to its row. */
public enum Operation {
    /** Insert the row, or overwrite it with this image. */
    UPSERT('U'),
    /** Remove the row with this key. */
    DELETE('D');

    private final char code;

    Operation(char code) {
        this.code = code;
    }

    public String code() {
        return String.valueOf(code);
    }

    public static Operation ofCode(String code) {
        for (Operation operation : values()) {
            if (operation.code().equals(code)) {
                return operation;
            }
        }
        throw new IllegalArgumentException("unknown operation code " + code);
    }
}
