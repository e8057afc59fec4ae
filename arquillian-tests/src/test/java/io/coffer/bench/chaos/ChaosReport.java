package io.coffer.bench.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The chaos run's report: one row per fault, then a verdict that names every check that failed. */
public final class ChaosReport {

    private ChaosReport() {}

    public static String header() {
        return String.format(
                Locale.ROOT,
                "%-24s %6s %-26s %6s %-22s %5s %4s %4s %6s %5s %8s %8s %8s %9s",
                "fault",
                "acked",
                "refused (status:count)",
                "no ans",
                "reads ok / failed",
                "lost",
                "dup",
                "gaps",
                "unread",
                "stuck",
                "restore",
                "healthy",
                "writes",
                "converged");
    }

    public static String row(ChaosRun.Step step) {
        Ledger.Window window = step.window();
        Audit.Result audit = step.audit();
        String reads = window.readsOk() + " / " + window.readsFailedByStatus()
                + (window.wrongContent() > 0 ? " WRONG " + window.wrongContent() : "");
        String row = String.format(
                Locale.ROOT,
                "%-24s %6d %-26s %6d %-22s %5d %4d %4d %6d %5d %8s %8s %8s %9s",
                step.what(),
                window.acknowledged(),
                window.refusedByStatus(),
                window.inDoubt(),
                reads,
                audit.lost(),
                audit.duplicated(),
                audit.versionGaps(),
                audit.unreadable(),
                audit.stuck(),
                seconds(step.restore()),
                seconds(step.healthy()),
                seconds(step.writesAgain()),
                seconds(audit.converged()));
        return step.failure() == null ? row : row + "\n   !! " + step.failure();
    }

    /** The verdict: which rows failed, and why, or that every check passed. */
    public static String verdict(List<ChaosRun.Step> steps) {
        StringBuilder verdict = new StringBuilder();
        long acknowledged =
                steps.isEmpty() ? 0 : steps.get(steps.size() - 1).audit().acknowledged();
        for (ChaosRun.Step step : steps) {
            if (!step.clean()) {
                Audit.Result audit = step.audit();
                verdict.append(String.format(
                        Locale.ROOT,
                        "FAILED after %s: %d lost, %d duplicated, %d version gaps, %d unreadable, %d stuck%s%n",
                        step.what(),
                        audit.lost(),
                        audit.duplicated(),
                        audit.versionGaps(),
                        audit.unreadable(),
                        audit.stuck(),
                        step.failure() == null ? "" : "; " + step.failure()));
                audit.problems()
                        .forEach(
                                problem -> verdict.append("   ").append(problem).append('\n'));
            }
        }
        if (verdict.length() == 0) {
            verdict.append("PASSED: ")
                    .append(acknowledged)
                    .append(" acknowledged writes, none lost, duplicated, unreadable or"
                            + " stuck, no version gaps, every replica equal to its remote store after every fault\n");
        }
        return verdict.toString();
    }

    public static boolean passed(List<ChaosRun.Step> steps) {
        return steps.stream().allMatch(ChaosRun.Step::clean);
    }

    private static String seconds(Duration duration) {
        return duration == null ? "-" : String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
