package io.redraft.it.faults;

import io.redraft.jepsen.CounterModel;
import io.redraft.jepsen.Op;
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
            client.failed(history(), id, e);
        }
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
