package io.redraft.it.faults;

import io.redraft.it.NodeProcess;
import io.redraft.jepsen.History;
import java.util.concurrent.atomic.AtomicInteger;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * One test client: a connection to one node and a Jepsen process number. It turns what happened
 * to a request into a history completion: an error reply other than {@code -TIMEOUT} means the
 * operation did not take effect (Redraft's promise), while a {@code -TIMEOUT}, a read timeout or a
 * dropped connection leaves the outcome unknown. After an unknown outcome the client goes on as a
 * fresh process, as in Jepsen, since its old request may still be in flight.
 */
final class FaultClient implements AutoCloseable {
    private static final int SOCKET_TIMEOUT_MS = 5000;

    private final NodeProcess node;
    private final AtomicInteger processes;
    private int process;
    private Jedis jedis;

    FaultClient(NodeProcess node, AtomicInteger processes) {
        this.node = node;
        this.processes = processes;
        this.process = processes.getAndIncrement();
    }

    int process() {
        return process;
    }

    /**
     * The connection, opened before the operation is invoked: a node that refuses connections
     * never sees the request, so nothing is recorded for it.
     */
    Jedis connection() {
        if (jedis == null) {
            Jedis j = new Jedis("127.0.0.1", node.redisPort, SOCKET_TIMEOUT_MS);
            try {
                j.connect();
            } catch (RuntimeException e) {
                j.close();
                throw e;
            }
            jedis = j;
        }
        return jedis;
    }

    /** Records how {@code id} ended given the exception its request threw; returns that status. */
    History.Status failed(History history, long id, RuntimeException e) {
        if (e instanceof JedisDataException && !isTimeout(e)) {
            history.fail(id);
            drop(); // a failed MULTI may leave the connection mid-transaction: start clean
            Pause.ms(50);
            return History.Status.FAIL;
        }
        history.info(id);
        drop();
        process = processes.getAndIncrement();
        Pause.ms(100);
        return History.Status.INFO;
    }

    static boolean isTimeout(RuntimeException e) {
        return e.getMessage() != null && e.getMessage().startsWith("TIMEOUT");
    }

    private void drop() {
        if (jedis != null) {
            jedis.close();
            jedis = null;
        }
    }

    @Override
    public void close() {
        drop();
    }
}
