package io.coffer.bundle.control;

import io.coffer.platform.failure.CofferException;
import io.coffer.secret.entity.SecretVersion;
import io.coffer.secret.entity.Stage;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which version a bundle request asks for: by number, by name, by stage, or CURRENT when nothing is named. At most one
 * of the three may be given, as in OCI.
 */
public record BundleSelector(Long versionNumber, String versionName, Stage stage) {

    public static BundleSelector of(Long versionNumber, String versionName, String stage) {
        int given = (versionNumber != null ? 1 : 0) + (versionName != null ? 1 : 0) + (stage != null ? 1 : 0);
        if (given > 1) {
            throw CofferException.invalid("give at most one of versionNumber, secretVersionName and stage");
        }
        if (versionNumber != null && versionNumber < 1) {
            throw CofferException.invalid("versionNumber must be 1 or more");
        }
        if (versionName != null && (versionName.isBlank() || versionName.length() > 255)) {
            throw CofferException.invalid("secretVersionName must be 1 to 255 characters");
        }
        Stage parsed = stage == null ? null : Stage.parse("stage", stage);
        if (versionNumber == null && versionName == null && parsed == null) {
            parsed = Stage.CURRENT;
        }
        return new BundleSelector(versionNumber, versionName, parsed);
    }

    /** The selected version among a secret's versions, if one matches and is not deleted. */
    public Optional<SecretVersion> pick(List<SecretVersion> versions) {
        return pick(versions, version -> version);
    }

    /** The first of {@code rows} whose version ({@code versionOf}) is the selected one. */
    public <R> Optional<R> pick(List<R> rows, Function<R, SecretVersion> versionOf) {
        for (R row : rows) {
            if (selects(versionOf.apply(row))) {
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }

    private boolean selects(SecretVersion version) {
        return !version.isDeleted()
                && (versionNumber == null || version.versionNumber() == versionNumber)
                && (versionName == null || versionName.equals(version.name()))
                && (stage == null || version.hasStage(stage));
    }

    public String describe() {
        if (versionNumber != null) {
            return "version " + versionNumber;
        }
        if (versionName != null) {
            return "version named " + versionName;
        }
        return "the " + stage + " version";
    }
}
