package io.redraft.cluster;

import io.redraft.raft.RaftNode;
import io.redraft.raft.RedraftStateMachine;
import io.redraft.resp.Reply;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.ratis.protocol.RaftPeer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster commands of the spec (BOOTSTRAP, JOIN, REMOVE, LEADER, NODES, SNAPSHOT). Membership
 * changes block on Raft, so they run on a worker thread and complete a future.
 */
public final class ClusterAdmin implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterAdmin.class);
    private static final long WAIT_MS = 15_000;
    private static final long TRANSFER_MS = 5_000;

    private final RaftNode raft;
    private final String redisAddress;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cluster-admin");
        t.setDaemon(true);
        return t;
    });

    public ClusterAdmin(RaftNode raft, String redisAddress) {
        this.raft = raft;
        this.redisAddress = redisAddress;
    }

    public CompletionStage<Reply> bootstrap(String id, String raftAddress) {
        return run(() -> {
            Reply mismatch = checkSelf("BOOTSTRAP", id, raftAddress);
            if (mismatch != null) {
                return mismatch;
            }
            if (raft.hasGroup()) {
                return Reply.error("ERR this node is already part of a cluster");
            }
            raft.bootstrap();
            // Answer once the new cluster is usable: a leader exists and knows this node's address.
            await(() -> redisAddress.equals(addresses().get(raft.id())));
            return Reply.OK;
        });
    }

    public CompletionStage<Reply> join(String id, String raftAddress) {
        return run(() -> {
            if (!raft.hasGroup()) {
                return Reply.error("ERR this node is not part of a cluster; BOOTSTRAP one first");
            }
            RaftPeer existing = member(id);
            if (existing != null) {
                return existing.getAddress().equals(raftAddress) ? Reply.OK
                        : Reply.error("ERR node '" + id + "' is already a member with raft address "
                                + existing.getAddress());
            }
            raft.addMember(RaftPeer.newBuilder().setId(id).setAddress(raftAddress).build());
            await(() -> addresses().containsKey(id));
            return Reply.OK;
        });
    }

    public CompletionStage<Reply> remove(String id) {
        return run(() -> {
            if (!raft.hasGroup()) {
                return Reply.error("ERR this node is not part of a cluster");
            }
            RaftPeer peer = member(id);
            if (peer == null) {
                return Reply.OK;
            }
            if (raft.members().size() == 1) {
                return Reply.error("ERR cannot remove the last member of the cluster");
            }
            // A leader first hands leadership to another member: committing a configuration
            // without itself makes a Ratis leader close its member once committed, leaving the
            // others to wait out an election timeout. If the transfer does not finish in time (a
            // target that cannot catch up under heavy load), that slower path still removes it.
            boolean handedOver = !id.equals(raft.leaderId()) || raft.transferLeadershipAwayFrom(id, TRANSFER_MS);
            if (!handedOver) {
                LOG.info("removing leader {} without a leadership transfer: it steps down once the change commits", id);
                // Forget the address first: after removing itself, the leader can no longer write.
                raft.forgetNode(id).get(WAIT_MS, TimeUnit.MILLISECONDS);
            }
            raft.removeMember(peer);
            if (handedOver) {
                // Forget it only now: until it was out, its agent would register it again.
                try {
                    raft.forgetNode(id).get(WAIT_MS, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    LOG.warn("removed {} but could not forget its Redis address: {}", id, describe(e));
                }
            }
            raft.retire(peer);
            return Reply.OK;
        });
    }

    public CompletionStage<Reply> snapshot() {
        return run(() -> {
            if (!raft.hasGroup()) {
                return Reply.error("ERR this node is not part of a cluster");
            }
            raft.snapshot(60_000);
            return Reply.OK;
        });
    }

    /** {@code "<id> <raft_addr> <redis_addr>"} of the current leader. */
    public Reply leader() {
        String leaderId = raft.leaderId();
        RaftPeer leader = leaderId == null ? null : member(leaderId);
        if (leader == null) {
            String reason = raft.unavailableReason();
            return Reply.error("CLUSTERDOWN " + (reason != null ? reason : "no leader"));
        }
        return Reply.bulk(leaderId + " " + leader.getAddress() + " " + redisAddressOf(leaderId));
    }

    /**
     * A member as NODES reports it. {@code matchIndex} is exact on the leader (its match index for
     * each follower) and elsewhere the commit index last heard of from that member.
     */
    public record Member(String id, String raftAddress, String redisAddress, boolean leader, long matchIndex) {}

    /** The current members in id order; empty before BOOTSTRAP/JOIN. */
    public List<Member> members() {
        String leaderId = raft.leaderId();
        Map<String, Long> match = raft.matchIndexes();
        List<Member> result = new java.util.ArrayList<>();
        for (RaftPeer p : raft.members()) {
            String id = p.getId().toString();
            result.add(new Member(id, p.getAddress(), redisAddressOf(id), id.equals(leaderId),
                    match.getOrDefault(id, 0L)));
        }
        return result;
    }

    /** One line per member: {@code <id> <raft_addr> <redis_addr> <leader|follower> <match_index>}. */
    public Reply nodes() {
        List<Member> members = members();
        if (members.isEmpty()) {
            return Reply.error("CLUSTERDOWN " + raft.unavailableReason());
        }
        StringBuilder sb = new StringBuilder();
        for (Member m : members) {
            sb.append(m.id()).append(' ').append(m.raftAddress()).append(' ').append(m.redisAddress()).append(' ')
                    .append(m.leader() ? "leader" : "follower").append(' ').append(m.matchIndex()).append('\n');
        }
        return Reply.bulk(sb.toString());
    }

    private String redisAddressOf(String id) {
        return addresses().getOrDefault(id, "-");
    }

    private Map<String, String> addresses() {
        RedraftStateMachine sm = raft.stateMachine();
        return sm == null ? Map.of() : sm.nodeAddresses();
    }

    private RaftPeer member(String id) {
        for (RaftPeer p : raft.members()) {
            if (p.getId().toString().equals(id)) {
                return p;
            }
        }
        return null;
    }

    private Reply checkSelf(String command, String id, String raftAddress) {
        if (!id.equals(raft.id())) {
            return Reply.error("ERR " + command + " id '" + id + "' is not this node's id '" + raft.id() + "'");
        }
        if (!raftAddress.equals(raft.self().getAddress())) {
            return Reply.error("ERR " + command + " raft address '" + raftAddress
                    + "' is not this node's raft address '" + raft.self().getAddress() + "'");
        }
        return null;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private interface AdminTask {
        Reply call() throws Exception;
    }

    private CompletionStage<Reply> run(AdminTask task) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return task.call();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Reply.error("ERR interrupted");
            } catch (Exception e) {
                LOG.warn("cluster command failed", e);
                return Reply.error("ERR " + describe(e));
            }
        }, worker);
    }

    private static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.util.concurrent.CompletionException)) {
            t = t.getCause();
        }
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        msg = msg.replace('\r', ' ').replace('\n', ' ');
        return msg.length() > 300 ? msg.substring(0, 300) : msg;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
