package io.redraft.it.faults;

import io.redraft.jepsen.ListAppendModel;
import io.redraft.jepsen.Op;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.Jedis;

/**
 * Lists: RPUSH of unique elements and LRANGE 0 -1. Linearizable means no acknowledged element
 * lost, none reordered or duplicated, and no element appears that nobody appended.
 */
final class ListWorkload extends CheckedWorkload {
    private static final List<String> KEYS = List.of("list:0", "list:1", "list:2");
    private final AtomicLong elements = new AtomicLong();

    ListWorkload() {
        super(new ListAppendModel());
    }

    @Override
    public String name() {
        return "list-append";
    }

    @Override
    public void step(FaultClient client, SplittableRandom random) {
        String key = pick(KEYS, random);
        Jedis jedis = client.connection();
        boolean append = random.nextInt(3) > 0;
        String element = "e" + elements.incrementAndGet();
        long id = history().invoke(client.process(), append ? Op.append(key, element) : Op.read(key));
        try {
            history().ok(id, append ? (Object) jedis.rpush(key, element) : jedis.lrange(key, 0, -1));
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
        return jedis.lrange(key, 0, -1);
    }
}
