package io.redraft.it.faults;

import java.util.List;

/** The summary table of a profile: one row per nemesis and workload. */
final class FaultTable {
    private static final String FORMAT = "| %-22s | %-11s | %6s | %6s | %6s | %7s | %7s | %-36s |%n";

    private FaultTable() {}

    static String format(String profile, List<FaultRun.Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("Fault runs, ").append(profile).append(" profile\n\n");
        sb.append(String.format(FORMAT, "nemesis", "workload", "ops", "ok", "failed", "unknown", "leader Δ",
                "verdict"));
        sb.append(String.format(FORMAT, "-".repeat(22), "-".repeat(11), "-".repeat(6), "-".repeat(6), "-".repeat(6),
                "-".repeat(7), "-".repeat(7), "-".repeat(36)));
        for (FaultRun.Row r : rows) {
            sb.append(String.format(FORMAT, r.nemesis(), r.workload(), r.operations(), r.ok(), r.failed(),
                    r.unknown(), r.leaderChanges(), (r.verdict().ok() ? "ok: " : "FAIL: ") + r.verdict().summary()));
        }
        return sb.toString();
    }
}
