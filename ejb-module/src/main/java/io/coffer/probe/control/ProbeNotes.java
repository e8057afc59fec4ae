package io.coffer.probe.control;

import io.coffer.platform.failure.CofferException;
import io.coffer.probe.entity.Probe;

/** What a probe's note may be: short printable text, so that a probe can never carry a payload. */
public final class ProbeNotes {

    private ProbeNotes() {}

    public static String checked(String note) {
        if (note == null || note.isBlank()) {
            return "";
        }
        if (note.length() > Probe.MAX_NOTE) {
            throw CofferException.invalid("note is longer than " + Probe.MAX_NOTE + " characters");
        }
        if (note.chars().anyMatch(Character::isISOControl)) {
            throw CofferException.invalid("note must not contain control characters");
        }
        return note;
    }
}
