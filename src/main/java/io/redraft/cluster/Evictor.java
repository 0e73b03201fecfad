package io.redraft.cluster;

import io.redraft.command.EvictionPolicy;
import io.redraft.command.MemoryGatedPath;
import io.redraft.command.MemoryLimit;
import io.redraft.raft.RaftNode;
import io.redraft.raft.RedraftStateMachine;
import io.redraft.store.Store;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's side of eviction: while used memory is over maxmemory under an eviction policy,
 * it picks keys ({@link EvictionPlanner}) and proposes one EVICT entry at a time naming them, so
 * every replica deletes the same keys. Followers never evict by themselves; their waiting writes
 * proceed once the leader's evictions are applied locally.
 */
public final class Evictor implements MemoryGatedPath.Evictions, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Evictor.class);
    private static final long PERIOD_MS = 100;

    private final RaftNode raft;
    private final MemoryLimit limit;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private final SplittableRandom random = new SplittableRandom();
    private volatile boolean exhausted;
    private ScheduledFuture<?> task;

    public Evictor(RaftNode raft, MemoryLimit limit) {
        this.raft = raft;
        this.limit = limit;
    }

    public void start() {
        task = raft.background().scheduleWithFixedDelay(this::round, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean exhausted() {
        return exhausted;
    }

    /** Called by waiting writes (on event loops): the key scan runs on the background thread. */
    @Override
    public void request() {
        if (limit.policy() != EvictionPolicy.NOEVICTION && raft.isLeader() && !inFlight.get()) {
            raft.background().execute(this::round);
        }
    }

    /** Proposes an eviction round if this node leads, memory is over the limit and none is in flight. */
    private void round() {
        RedraftStateMachine sm = raft.stateMachine();
        EvictionPolicy policy = limit.policy();
        long need = limit.bytesToFree();
        if (need == 0) {
            exhausted = false;
            return;
        }
        if (sm == null || policy == EvictionPolicy.NOEVICTION || !raft.isLeader() || !inFlight.compareAndSet(false, true)) {
            return;
        }
        List<Map.Entry<Integer, byte[]>> keys;
        Store store = sm.store();
        store.lock().readLock().lock();
        try {
            keys = EvictionPlanner.plan(store, policy, need, random);
        } finally {
            store.lock().readLock().unlock();
        }
        exhausted = keys.isEmpty();
        if (keys.isEmpty()) {
            inFlight.set(false);
            return;
        }
        try {
            raft.evict(keys).whenComplete((r, e) -> {
                inFlight.set(false);
                if (e != null) {
                    LOG.debug("eviction round failed: {}", e.toString());
                }
            });
        } catch (RuntimeException e) {
            inFlight.set(false); // never leave eviction stuck behind a proposal that was not made
            LOG.debug("eviction round not proposed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
