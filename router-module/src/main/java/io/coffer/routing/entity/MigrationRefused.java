package io.coffer.routing.entity;

import java.util.Optional;

/** A phase transition the rules do not allow now; names the exit criterion that does not hold, if that is why. */
public class MigrationRefused extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final transient ExitCriterion criterion;

    public MigrationRefused(String message) {
        this(message, null);
    }

    public MigrationRefused(String message, ExitCriterion criterion) {
        super(message);
        this.criterion = criterion;
    }

    public Optional<ExitCriterion> criterion() {
        return Optional.ofNullable(criterion);
    }
}
