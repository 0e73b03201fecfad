package io.redraft.it.faults;

import io.redraft.it.NodeProcess;
import io.redraft.it.TestCluster;
import io.redraft.jepsen.History;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import redis.clients.jedis.Jedis;

/**
 * One fault run: forms a cluster behind a controllable network, starts every workload's clients
 * spread over all nodes, runs the nemesis schedule (strike, wait, heal, wait) for the profile's
 * duration, then, with the cluster healed, checks that all replicas converge and judges each
 * workload's history. Returns one summary row per workload.
 */
final class FaultRun {
    /** One line of the summary table. */
    record Row(String nemesis, String workload, int operations, long ok, long failed, long unknown,
               int leaderChanges, Workload.Verdict verdict) {}

    /** How long the final reads of one workload may keep failing before the run fails. */
    private static final Duration FINAL_READS = Duration.ofSeconds(60);

    private final Nemesis nemesis;
    private final FaultProfile profile;
    private final List<Workload> workloads;
    private final long seed;

    FaultRun(Nemesis nemesis, FaultProfile profile, List<Workload> workloads) {
        this.nemesis = nemesis;
        this.profile = profile.withNodes(nemesis.minNodes());
        this.workloads = workloads;
        this.seed = Long.getLong("redraft.faults.seed", System.nanoTime());
    }

    static List<Workload> allWorkloads() {
        return List.of(new RegisterWorkload(), new CounterWorkload(), new ListWorkload(), new BankWorkload());
    }

    List<Row> run(Path dir) throws Exception {
        System.out.println("== " + nemesis.name() + " (" + profile.name() + ", " + profile.nodes() + " nodes, seed "
                + seed + ")");
        try (TestCluster cluster = TestCluster.formBehindNetwork(dir, profile.nodes(), nemesis.nodeFlags())) {
            FaultContext ctx = new FaultContext(cluster, seed);
            nemesis.setUp(ctx);
            try (Jedis jedis = Leaders.current(cluster).client()) {
                for (Workload w : workloads) {
                    w.setUp(jedis);
                }
            }
            LeaderWatch watch = new LeaderWatch(cluster, ctx);
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(workloads.size() * profile.clientsPerWorkload() + 1);
            List<Future<?>> clients = new ArrayList<>();
            try {
                clients.add(pool.submit(() -> watch.run(stop)));
                startClients(cluster, pool, clients, stop);
                schedule(ctx);
            } finally {
                stop.set(true);
                for (Future<?> c : clients) {
                    c.get(60, TimeUnit.SECONDS);
                }
                pool.shutdownNow();
            }
            Convergence.await(cluster, workloads, ctx, Duration.ofSeconds(150));
            return judge(cluster, watch.changes());
        }
    }

    private void startClients(TestCluster cluster, ExecutorService pool, List<Future<?>> clients, AtomicBoolean stop) {
        AtomicInteger processes = new AtomicInteger();
        int c = 0;
        for (Workload w : workloads) {
            for (int k = 0; k < profile.clientsPerWorkload(); k++, c++) {
                NodeProcess node = cluster.nodes.get(c % cluster.nodes.size());
                SplittableRandom random = new SplittableRandom(seed + 1 + c);
                clients.add(pool.submit(() -> drive(w, new FaultClient(node, processes), random, stop)));
            }
        }
    }

    private static void drive(Workload workload, FaultClient client, SplittableRandom random, AtomicBoolean stop) {
        try (client) {
            while (!stop.get()) {
                try {
                    workload.step(client, random);
                } catch (RuntimeException e) {
                    Pause.ms(100); // could not connect: nothing was sent, nothing recorded
                }
            }
        }
    }

    /** After the faults, waits (bounded) until the leader serves a write and a read again. */
    private static void awaitServing(TestCluster cluster) throws InterruptedException {
        TestCluster.await(Duration.ofSeconds(90), () -> {
            try (Jedis jedis = Leaders.current(cluster).client()) {
                return "OK".equals(jedis.set("faults:probe", "1")) && "1".equals(jedis.get("faults:probe"));
            } catch (RuntimeException | InterruptedException e) {
                return false;
            }
        }, "the healed cluster serving reads and writes");
    }

    private void schedule(FaultContext ctx) throws Exception {
        Thread.sleep(3000); // let the clients get going on a healthy cluster first
        long end = System.nanoTime() + profile.duration().toNanos();
        while (System.nanoTime() < end) {
            nemesis.strike(ctx);
            Thread.sleep(profile.strike().toMillis());
            nemesis.heal(ctx);
            Thread.sleep(profile.healed().toMillis());
        }
    }

    private List<Row> judge(TestCluster cluster, int leaderChanges) throws InterruptedException {
        List<Row> rows = new ArrayList<>();
        awaitServing(cluster);
        for (Workload w : workloads) {
            Workload.Verdict verdict = checkPatiently(cluster, w);
            List<History.Operation> ops = w.history().operations();
            long ok = count(ops, History.Status.OK);
            long failed = count(ops, History.Status.FAIL);
            if (ok < 20 && verdict.ok()) {
                verdict = new Workload.Verdict(false, "TOO FEW OK (" + ok + ")", "the run proves nothing");
            }
            rows.add(new Row(nemesis.name(), w.name(), ops.size(), ok, failed, ops.size() - ok - failed,
                    leaderChanges, verdict));
        }
        return rows;
    }

    /**
     * Records the workload's final reads through the current leader and judges its history. A
     * final read that fails (a leader change or a slow node right after healing) is retried on a
     * fresh connection to whoever leads then: an unanswered read left nothing in the history but
     * a pending read, which the checker may treat as never having happened.
     */
    private Workload.Verdict checkPatiently(TestCluster cluster, Workload w) throws InterruptedException {
        long deadline = System.nanoTime() + FINAL_READS.toNanos();
        while (true) {
            try (Jedis jedis = Leaders.current(cluster).client()) {
                return w.check(jedis, profile);
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("final reads of " + w.name() + " failed for " + FINAL_READS, e);
                }
                System.out.println("final reads of " + w.name() + " failed, retrying: " + e);
                Thread.sleep(500);
            }
        }
    }

    private static long count(List<History.Operation> ops, History.Status status) {
        return ops.stream().filter(o -> Objects.equals(o.status(), status)).count();
    }
}
