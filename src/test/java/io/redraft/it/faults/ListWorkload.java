package io.redraft.it.faults;

import io.redraft.jepsen.ListAppendModel;
import io.redraft.jepsen.Op;
import io.redraft.jepsen.History;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
            failed(client, id, e);
        }
    }

    /** Elements present more than once, or present although their RPUSH failed, with what each RPUSH got. */
    @Override
    String diagnose(Jedis jedis) {
        Map<String, History.Operation> appends = new HashMap<>();
        for (History.Operation op : history().operations()) {
            if (op.op().is(Op.APPEND)) {
                appends.put((String) op.op().arg(), op);
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String key : KEYS) {
            Map<String, Integer> counts = new HashMap<>();
            jedis.lrange(key, 0, -1).forEach(e -> counts.merge(e, 1, Integer::sum));
            counts.forEach((element, n) -> {
                History.Operation op = appends.get(element);
                boolean failedButThere = op != null && op.status() == History.Status.FAIL;
                if (n > 1 || failedButThere || op == null) {
                    sb.append("\n  ").append(key).append(": ").append(element).append(" present ").append(n)
                            .append("x; its RPUSH: ").append(op == null ? "none" : op + " " + errors.getOrDefault(op.id(), ""));
                }
            });
        }
        return sb.isEmpty() ? "" : "\nfinal lists:" + sb;
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
