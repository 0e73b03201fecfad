package io.redraft.it.faults;

import io.redraft.jepsen.CounterModel;
import io.redraft.jepsen.Op;
import io.redraft.jepsen.History;
import java.util.List;
import java.util.SplittableRandom;
import redis.clients.jedis.Jedis;

/** Counters: INCR and GET. Linearizable means no increment lost or applied twice. */
final class CounterWorkload extends CheckedWorkload {
    private static final List<String> KEYS = List.of("ctr:0", "ctr:1", "ctr:2");

    CounterWorkload() {
        super(new CounterModel());
    }

    @Override
    public String name() {
        return "counter";
    }

    @Override
    public void step(FaultClient client, SplittableRandom random) {
        String key = pick(KEYS, random);
        Jedis jedis = client.connection();
        boolean incr = random.nextInt(3) > 0;
        long id = history().invoke(client.process(), incr ? Op.incr(key) : Op.read(key));
        try {
            history().ok(id, incr ? (Object) jedis.incr(key) : jedis.get(key));
        } catch (RuntimeException e) {
            failed(client, id, e);
        }
    }

    /** The final value against what could have been applied: ok increments up to ok + unknown ones. */
    @Override
    String diagnose(Jedis jedis) {
        StringBuilder sb = new StringBuilder();
        for (String key : KEYS) {
            long ok = 0;
            long unknown = 0;
            long failed = 0;
            for (History.Operation op : history().operations()) {
                if (op.op().key().equals(key) && op.op().is(Op.INCR)) {
                    switch (op.status()) {
                        case OK -> ok++;
                        case FAIL -> failed++;
                        default -> unknown++;
                    }
                }
            }
            String value = jedis.get(key);
            sb.append("\n  ").append(key).append(" = ").append(value).append("; increments ok ").append(ok)
                    .append(", unknown ").append(unknown).append(", failed ").append(failed);
        }
        return "\nfinal counters:" + sb;
    }

    @Override
    public List<String> keys() {
        return KEYS;
    }

    @Override
    public Object read(Jedis jedis, String key) {
        return jedis.get(key);
    }
}
