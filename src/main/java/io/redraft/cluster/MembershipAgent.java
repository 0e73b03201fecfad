package io.redraft.cluster;

import io.redraft.raft.RaftNode;
import io.redraft.raft.RedraftStateMachine;
import io.redraft.store.Store;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps the replicated cluster metadata true from this node's side: records this node's Redis
 * address once it is a member (JOIN only knows the Raft address), and, on the leader, proposes
 * active expiry so expired keys are reclaimed through the log rather than by a local clock. A
 * node with requirepass proposes it as the default user's password until the log has one.
 */
public final class MembershipAgent implements AutoCloseable {
    private static final long PERIOD_MS = 250;
    private static final long SWEEP_EVERY_MS = 1000;

    private final RaftNode raft;
    private final String redisAddress;
    private final AtomicBoolean registering = new AtomicBoolean();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private final AtomicBoolean proposingPassword = new AtomicBoolean();
    /** SHA-256 of this node's requirepass, or null. */
    private final String requirepassHash;
    private long lastSweep;
    private ScheduledFuture<?> task;

    public MembershipAgent(RaftNode raft, String redisAddress, String requirepassHash) {
        this.raft = raft;
        this.redisAddress = redisAddress;
        this.requirepassHash = requirepassHash;
    }

    public void start() {
        task = raft.background().scheduleWithFixedDelay(this::tick, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        RedraftStateMachine sm = raft.stateMachine();
        if (sm == null || raft.leaderId() == null) {
            return;
        }
        if (!redisAddress.equals(sm.nodeAddresses().get(raft.id())) && isMember()
                && registering.compareAndSet(false, true)) {
            raft.registerRedisAddress(redisAddress).whenComplete((r, e) -> registering.set(false));
        }
        if (requirepassHash != null && !sm.store().acl().defaultConfigured()
                && proposingPassword.compareAndSet(false, true)) {
            // The first such entry configures the default user; the state machine ignores later ones.
            raft.proposeDefaultPassword(requirepassHash).whenComplete((r, e) -> proposingPassword.set(false));
        }
        long now = System.currentTimeMillis();
        if (raft.isLeader() && now - lastSweep >= SWEEP_EVERY_MS && hasVolatileKeys(sm.store())
                && sweeping.compareAndSet(false, true)) {
            lastSweep = now;
            raft.sweepExpired().whenComplete((r, e) -> sweeping.set(false));
        }
    }

    /** False once a configuration without this node is known (REMOVE forgets its address then). */
    private boolean isMember() {
        return raft.members().stream().anyMatch(p -> p.getId().toString().equals(raft.id()));
    }

    private static boolean hasVolatileKeys(Store store) {
        for (int db = 0; db < Store.DATABASES; db++) {
            if (store.db(db).volatileCount() > 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
