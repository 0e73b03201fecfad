package io.redraft.it.faults;

import io.redraft.jepsen.History;
import io.redraft.jepsen.LinearizabilityChecker;
import io.redraft.jepsen.Model;
import io.redraft.jepsen.Op;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import redis.clients.jedis.Jedis;

/** A workload of single-key objects judged by the linearizability checker against a model. */
abstract class CheckedWorkload implements Workload {
    private final History history = new History();
    private final Model<?> model;
    /** Error replies and exceptions by operation id, for failure reports. */
    final Map<Long, String> errors = new ConcurrentHashMap<>();
    /** Process numbers for the final reads, apart from the clients'. */
    private int finalProcess = 1_000_000;

    CheckedWorkload(Model<?> model) {
        this.model = model;
    }

    @Override
    public History history() {
        return history;
    }

    /** Completes {@code id} as failed or unknown per {@link FaultClient#failed}, keeping the error for reports. */
    final void failed(FaultClient client, long id, RuntimeException e) {
        errors.put(id, e.getClass().getSimpleName() + ": " + e.getMessage());
        client.failed(history, id, e);
    }

    /** Records one read of {@code key} as an operation: {@code read} may throw like any request. */
    final void recordRead(int process, String key, Function<String, Object> read) {
        long id = history.invoke(process, Op.read(key));
        history.ok(id, read.apply(key));
    }

    @Override
    public Verdict check(Jedis jedis, FaultProfile profile) {
        for (String key : keys()) {
            recordRead(finalProcess++, key, k -> read(jedis, k));
        }
        LinearizabilityChecker.Result result = LinearizabilityChecker.check(history, model, profile.checkerBudget());
        return switch (result.outcome()) {
            case LINEARIZABLE -> new Verdict(true, "linearizable", "");
            case UNKNOWN -> new Verdict(false, "UNKNOWN (checker budget)", result.report());
            case NOT_LINEARIZABLE -> new Verdict(false, "NOT LINEARIZABLE", result.report() + diagnose(jedis));
        };
    }

    /** Workload-specific evidence for a failure report (e.g. duplicated list elements). */
    String diagnose(Jedis jedis) {
        return "";
    }

    static String pick(List<String> keys, java.util.SplittableRandom random) {
        return keys.get(random.nextInt(keys.size()));
    }
}
