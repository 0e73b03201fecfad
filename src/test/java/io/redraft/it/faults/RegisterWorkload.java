package io.redraft.it.faults;

import io.redraft.jepsen.Op;
import io.redraft.jepsen.RegisterModel;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.Jedis;

/** Registers: SET of values never written before, and GET. Checked for linearizability. */
final class RegisterWorkload extends CheckedWorkload {
    private static final List<String> KEYS = List.of("reg:0", "reg:1", "reg:2");
    private final AtomicLong values = new AtomicLong();

    RegisterWorkload() {
        super(new RegisterModel());
    }

    @Override
    public String name() {
        return "register";
    }

    @Override
    public void step(FaultClient client, SplittableRandom random) {
        String key = pick(KEYS, random);
        Jedis jedis = client.connection();
        if (random.nextBoolean()) {
            String value = "v" + values.incrementAndGet();
            long id = history().invoke(client.process(), Op.write(key, value));
            try {
                jedis.set(key, value);
                history().ok(id, null);
            } catch (RuntimeException e) {
                failed(client, id, e);
            }
        } else {
            long id = history().invoke(client.process(), Op.read(key));
            try {
                history().ok(id, jedis.get(key));
            } catch (RuntimeException e) {
                failed(client, id, e);
            }
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
