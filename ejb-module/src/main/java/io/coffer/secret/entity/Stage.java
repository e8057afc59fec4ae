package io.coffer.secret.entity;

import io.coffer.platform.failure.CofferException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A secret version's rotation states, in OCI's order. A version may carry several: the first version of a secret is
 * {@code CURRENT} and {@code LATEST} at once; a version that is none of CURRENT, PENDING or PREVIOUS is DEPRECATED.
 */
public enum Stage {
    CURRENT,
    PENDING,
    LATEST,
    PREVIOUS,
    DEPRECATED;

    /** The stages that keep a version in use: a version with none of them is DEPRECATED. */
    public static final Set<Stage> IN_USE = EnumSet.of(CURRENT, PENDING, PREVIOUS);

    /** The stage named in a request (as OCI spells it), or InvalidParameter naming the field. */
    public static Stage parse(String field, String text) {
        for (Stage stage : values()) {
            if (stage.name().equals(text)) {
                return stage;
            }
        }
        throw CofferException.invalid(
                field + " must be one of CURRENT, PENDING, LATEST, PREVIOUS, DEPRECATED, not '" + text + "'");
    }

    static String encode(Set<Stage> stages) {
        return stages.stream().sorted().map(Stage::name).collect(Collectors.joining(","));
    }

    static EnumSet<Stage> decode(String text) {
        EnumSet<Stage> stages = EnumSet.noneOf(Stage.class);
        if (text != null && !text.isBlank()) {
            for (String name : text.split(",")) {
                stages.add(valueOf(name.trim().toUpperCase(Locale.ROOT)));
            }
        }
        return stages;
    }
}
