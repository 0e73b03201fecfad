package io.redraft.it.faults;

import io.redraft.it.NodeProcess;
import io.redraft.jepsen.History;
import io.redraft.jepsen.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import redis.clients.jedis.Jedis;

/**
 * Bank transfers: {@code MULTI; DECRBY from n; INCRBY to n; EXEC} between a few accounts, and
 * reads of every account in one {@code MULTI; GET...; EXEC}. Transactions are atomic and
 * isolated, so every read must see the total the accounts started with, and so must the final
 * state.
 */
final class BankWorkload implements Workload {
    private static final List<String> ACCOUNTS = List.of("acct:0", "acct:1", "acct:2", "acct:3", "acct:4");
    private static final long INITIAL = 100;
    private static final long TOTAL = INITIAL * ACCOUNTS.size();
    private static final String KEY = "bank";

    private final History history = new History();

    @Override
    public String name() {
        return "bank";
    }

    @Override
    public void setUp(Jedis jedis) {
        List<String> pairs = new ArrayList<>();
        for (String account : ACCOUNTS) {
            pairs.add(account);
            pairs.add(Long.toString(INITIAL));
        }
        jedis.mset(pairs.toArray(String[]::new));
    }

    @Override
    public void step(FaultClient client, SplittableRandom random) {
        Jedis jedis = client.connection();
        if (random.nextInt(3) > 0) {
            String from = ACCOUNTS.get(random.nextInt(ACCOUNTS.size()));
            String to = ACCOUNTS.get(random.nextInt(ACCOUNTS.size()));
            String amount = Long.toString(1 + random.nextInt(20));
            long id = history.invoke(client.process(), new Op(KEY, "transfer", from + "->" + to + ":" + amount));
            try {
                expect("OK", NodeProcess.call(jedis, "MULTI"));
                expect("QUEUED", NodeProcess.call(jedis, "DECRBY", from, amount));
                expect("QUEUED", NodeProcess.call(jedis, "INCRBY", to, amount));
                history.ok(id, NodeProcess.call(jedis, "EXEC"));
            } catch (RuntimeException e) {
                client.failed(history, id, e);
            }
        } else {
            long id = history.invoke(client.process(), Op.read(KEY));
            try {
                history.ok(id, readAll(jedis));
            } catch (RuntimeException e) {
                client.failed(history, id, e);
            }
        }
    }

    private static Object readAll(Jedis jedis) {
        expect("OK", NodeProcess.call(jedis, "MULTI"));
        for (String account : ACCOUNTS) {
            expect("QUEUED", NodeProcess.call(jedis, "GET", account));
        }
        return NodeProcess.call(jedis, "EXEC");
    }

    private static void expect(String expected, Object reply) {
        if (!expected.equals(reply)) {
            throw new IllegalStateException("expected " + expected + ", got " + reply);
        }
    }

    @Override
    public History history() {
        return history;
    }

    @Override
    public List<String> keys() {
        return ACCOUNTS;
    }

    @Override
    public Object read(Jedis jedis, String key) {
        return jedis.get(key);
    }

    @Override
    public Verdict check(Jedis jedis, FaultProfile profile) {
        long id = history.invoke(1_000_000, Op.read(KEY));
        history.ok(id, readAll(jedis));
        int reads = 0;
        for (History.Operation op : history.operations()) {
            if (op.status() == History.Status.OK && op.op().is(Op.READ)) {
                reads++;
                String problem = problem(op.result());
                if (problem != null) {
                    return new Verdict(false, "TOTAL NOT CONSERVED",
                            problem + " in " + op + " (op " + op.id() + " of " + history.size() + ")");
                }
            }
        }
        return new Verdict(true, "total " + TOTAL + " in " + reads + " reads", "");
    }

    /** Why a read of all accounts is wrong, or null if it sums to the total. */
    private static String problem(Object result) {
        if (!(result instanceof List<?> values) || values.size() != ACCOUNTS.size()) {
            return "malformed read " + result;
        }
        long sum = 0;
        for (Object v : values) {
            if (!(v instanceof String s)) {
                return "missing account";
            }
            sum += Long.parseLong(s);
        }
        return sum == TOTAL ? null : "sum " + sum + " != " + TOTAL;
    }
}
