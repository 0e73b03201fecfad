package io.redraft.jepsen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redraft.jepsen.LinearizabilityChecker.Outcome;
import io.redraft.jepsen.LinearizabilityChecker.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LinearizabilityCheckerTest {

    private static final String K = "k";
    private static final RegisterModel REGISTER = new RegisterModel();
    private static final CounterModel COUNTER = new CounterModel();
    private static final ListAppendModel LIST = new ListAppendModel();

    /** Builds histories with explicit times in milliseconds. */
    private static final class H {
        final History h = new History();

        H ok(int p, Op op, long inv, long comp, Object result) {
            long id = h.invoke(p, op, ms(inv));
            h.ok(id, result, ms(comp));
            return this;
        }

        H info(int p, Op op, long inv) {
            h.info(h.invoke(p, op, ms(inv)));
            return this;
        }

        H pending(int p, Op op, long inv) {
            h.invoke(p, op, ms(inv));
            return this;
        }

        H fail(int p, Op op, long inv, long comp) {
            h.fail(h.invoke(p, op, ms(inv)), ms(comp));
            return this;
        }

        static long ms(long t) {
            return t * 1_000_000L;
        }
    }

    private static <S> Result check(H h, Model<S> model) {
        return LinearizabilityChecker.check(h.h, model, Duration.ofSeconds(10));
    }

    private static <S> void assertLinearizable(H h, Model<S> model) {
        Result r = check(h, model);
        assertTrue(r.linearizable(), r::report);
    }

    private static <S> Result assertNotLinearizable(H h, Model<S> model) {
        Result r = check(h, model);
        assertEquals(Outcome.NOT_LINEARIZABLE, r.outcome(), r::report);
        assertFalse(r.linearizable());
        return r;
    }

    // ---- register: good ----

    @Test
    void emptyHistoryIsLinearizable() {
        assertLinearizable(new H(), REGISTER);
    }

    @Test
    void sequentialRegister() {
        assertLinearizable(new H()
                .ok(0, Op.read(K), 0, 1, null)
                .ok(0, Op.write(K, 1), 2, 3, "OK")
                .ok(1, Op.read(K), 4, 5, "1")
                .ok(1, Op.write(K, 2), 6, 7, "OK")
                .ok(0, Op.read(K), 8, 9, "2"), REGISTER);
    }

    @Test
    void concurrentWritesAndReadsWithSeveralValidOrders() {
        // w1 and w2 overlap; reads inside see either; the only valid order here is w2 r2 w1 r1.
        assertLinearizable(new H()
                .ok(0, Op.write(K, 1), 0, 10, "OK")
                .ok(1, Op.write(K, 2), 1, 11, "OK")
                .ok(2, Op.read(K), 2, 5, "2")
                .ok(3, Op.read(K), 6, 9, "1"), REGISTER);
        // After both complete, either value may be the final one.
        for (String last : new String[] {"1", "2"}) {
            assertLinearizable(new H()
                    .ok(0, Op.write(K, 1), 0, 10, "OK")
                    .ok(1, Op.write(K, 2), 1, 11, "OK")
                    .ok(2, Op.read(K), 12, 13, last)
                    .ok(3, Op.read(K), 14, 15, last), REGISTER);
        }
        // A read concurrent with the first write may still see nil.
        assertLinearizable(new H()
                .ok(0, Op.write(K, 1), 0, 10, "OK")
                .ok(1, Op.read(K), 1, 2, null)
                .ok(2, Op.read(K), 3, 4, "1")
                .ok(1, Op.read(K), 5, 6, "1"), REGISTER);
    }

    @Test
    void unknownWriteThatTookEffect() {
        assertLinearizable(new H()
                .ok(0, Op.write(K, 1), 0, 1, "OK")
                .info(1, Op.write(K, 2), 2)
                .ok(0, Op.read(K), 100, 101, "2")
                .ok(0, Op.read(K), 102, 103, "2"), REGISTER);
    }

    @Test
    void unknownWriteThatDidNotTakeEffect() {
        assertLinearizable(new H()
                .ok(0, Op.write(K, 1), 0, 1, "OK")
                .info(1, Op.write(K, 2), 2)
                .ok(0, Op.read(K), 100, 101, "1"), REGISTER);
        // ... and a pending op at check time is treated the same way
        assertLinearizable(new H()
                .ok(0, Op.write(K, 1), 0, 1, "OK")
                .pending(1, Op.write(K, 2), 2)
                .ok(0, Op.read(K), 100, 101, "1"), REGISTER);
    }

    @Test
    void unknownWriteMayTakeEffectLongAfterItsClientGaveUp() {
        assertLinearizable(new H()
                .info(1, Op.write(K, "late"), 0)
                .ok(0, Op.write(K, 1), 10, 11, "OK")
                .ok(0, Op.read(K), 12, 13, "1")
                .ok(0, Op.read(K), 500, 501, "late"), REGISTER);
    }

    @Test
    void unknownReadsAreIgnored() {
        assertLinearizable(new H()
                .ok(0, Op.write(K, 1), 0, 1, "OK")
                .info(1, Op.read(K), 2)
                .ok(0, Op.read(K), 3, 4, "1"), REGISTER);
    }

    // ---- register: bad ----

    @Test
    void staleReadAfterCompletedWrite() {
        Result r = assertNotLinearizable(new H()
                .ok(0, Op.write(K, 1), 0, 1, "OK")
                .ok(1, Op.write(K, 2), 2, 3, "OK")
                .ok(2, Op.read(K), 4, 5, "1"), REGISTER);
        String report = r.report();
        System.out.println(report);
        assertTrue(report.contains("\"k\""), report);
        assertTrue(report.contains(">> p2"), report); // the stale read is the marked op
        assertTrue(report.contains("read"), report);
        assertTrue(report.contains("write(\"2\")"), report); // the write it missed is in the window
        assertTrue(report.contains("4.000 ms"), report); // relative times
        assertTrue(report.contains("5.000 ms"), report);
        assertTrue(report.contains("-> \"1\""), report);
        assertEquals(1, r.problems().size());
        assertEquals(K, r.problems().get(0).key());
    }

    @Test
    void readOfValueNeverWritten() {
        Result r = assertNotLinearizable(new H()
                .ok(0, Op.write(K, 1), 0, 10, "OK")
                .ok(1, Op.read(K), 2, 3, "42"), REGISTER);
        assertTrue(r.report().contains("\"42\""), r.report());
    }

    @Test
    void failedWriteMustNotBeVisible() {
        assertNotLinearizable(new H()
                .ok(0, Op.write(K, 1), 0, 1, "OK")
                .fail(1, Op.write(K, 2), 2, 3)
                .ok(0, Op.read(K), 4, 5, "2"), REGISTER);
    }

    @Test
    void unknownWriteTakesEffectAtMostOnce() {
        assertNotLinearizable(new H()
                .ok(0, Op.write(K, 1), 0, 1, "OK")
                .info(1, Op.write(K, 2), 2)
                .ok(0, Op.read(K), 5, 6, "2")
                .ok(0, Op.read(K), 7, 8, "1"), REGISTER);
    }

    @Test
    void unknownWriteCannotTakeEffectBeforeItsInvocation() {
        assertNotLinearizable(new H()
                .ok(0, Op.read(K), 0, 1, "2")
                .info(1, Op.write(K, 2), 2), REGISTER);
    }

    @Test
    void readsGoingBackInTime() {
        assertNotLinearizable(new H()
                .ok(0, Op.write(K, 1), 0, 100, "OK")
                .ok(1, Op.read(K), 10, 20, "1")
                .ok(2, Op.read(K), 30, 40, null), REGISTER);
    }

    @Test
    void keysArePartitionedAndTheBadKeyIsNamed() {
        H h = new H();
        for (int k = 0; k < 5; k++) {
            String key = "key" + k;
            h.ok(0, Op.write(key, k), 10 * k, 10 * k + 1, "OK").ok(1, Op.read(key), 10 * k + 2, 10 * k + 3, "" + k);
        }
        // each key is checked as its own register
        assertLinearizable(h, REGISTER);
        h.ok(2, Op.read("key3"), 100, 101, "4");
        Result r = assertNotLinearizable(h, REGISTER);
        assertEquals(1, r.problems().size());
        assertEquals("key3", r.problems().get(0).key());
        assertEquals(5, r.keyResults().size());
        assertTrue(r.report().contains("\"key3\""), r.report());
        assertFalse(r.report().contains("\"key2\""), r.report());
    }

    // ---- counter ----

    @Test
    void concurrentIncrementsInAnyOrder() {
        assertLinearizable(new H()
                .ok(0, Op.incr(K), 0, 10, 2L)
                .ok(1, Op.incr(K), 1, 11, 3L)
                .ok(2, Op.incr(K), 2, 12, 1L)
                .ok(3, Op.read(K), 13, 14, "3"), COUNTER);
    }

    @Test
    void unknownIncrementsMayOrMayNotApply() {
        assertLinearizable(new H()
                .ok(0, Op.incr(K), 0, 1, 1L)
                .info(1, Op.incr(K), 2)
                .ok(0, Op.read(K), 3, 4, "1")
                .ok(0, Op.read(K), 5, 6, "2")
                .ok(0, Op.incr(K), 7, 8, 3L), COUNTER);
        assertLinearizable(new H()
                .ok(0, Op.incr(K), 0, 1, 1L)
                .info(1, Op.incr(K), 2)
                .ok(0, Op.incr(K), 7, 8, 2L), COUNTER);
    }

    @Test
    void lostIncrement() {
        assertNotLinearizable(new H()
                .ok(0, Op.incr(K), 0, 1, 1L)
                .ok(1, Op.incr(K), 2, 3, 2L)
                .ok(0, Op.read(K), 4, 5, "1"), COUNTER);
        // two increments both claiming the same new value
        assertNotLinearizable(new H()
                .ok(0, Op.incr(K), 0, 10, 1L)
                .ok(1, Op.incr(K), 1, 11, 1L), COUNTER);
    }

    @Test
    void counterDoubleApply() {
        assertNotLinearizable(new H()
                .ok(0, Op.incr(K), 0, 1, 1L)
                .ok(0, Op.read(K), 2, 3, "2"), COUNTER);
        // a single unknown increment cannot count twice
        assertNotLinearizable(new H()
                .ok(0, Op.incr(K), 0, 1, 1L)
                .info(1, Op.incr(K), 2)
                .ok(0, Op.read(K), 10, 11, "3"), COUNTER);
    }

    @Test
    void manyIdenticalUnknownIncrementsStayCheap() {
        H h = new H();
        for (int i = 0; i < 200; i++) {
            h.info(100 + i, Op.incr(K), i);
        }
        for (int i = 0; i <= 100; i++) {
            h.ok(0, Op.read(K), 1000 + 2 * i, 1001 + 2 * i, "" + i);
        }
        Result r = check(h, COUNTER);
        assertTrue(r.linearizable(), r::report);
        h.ok(0, Op.read(K), 2000, 2001, "99");
        assertNotLinearizable(h, COUNTER);
    }

    // ---- list append ----

    @Test
    void concurrentAppends() {
        assertLinearizable(new H()
                .ok(0, Op.append(K, "a"), 0, 10, 2L)
                .ok(1, Op.append(K, "b"), 1, 11, 1L)
                .ok(2, Op.read(K), 2, 3, List.of())
                .ok(2, Op.read(K), 4, 5, List.of("b"))
                .ok(3, Op.read(K), 12, 13, List.of("b", "a")), LIST);
        assertLinearizable(new H()
                .ok(0, Op.append(K, "a"), 0, 1, 1L)
                .info(1, Op.append(K, "b"), 2)
                .ok(0, Op.append(K, "c"), 3, 4, 3L)
                .ok(0, Op.read(K), 5, 6, List.of("a", "b", "c")), LIST);
    }

    @Test
    void listElementLost() {
        assertNotLinearizable(new H()
                .ok(0, Op.append(K, "a"), 0, 1, 1L)
                .ok(1, Op.append(K, "b"), 2, 3, 2L)
                .ok(0, Op.read(K), 4, 5, List.of("b")), LIST);
    }

    @Test
    void listReordered() {
        Result r = assertNotLinearizable(new H()
                .ok(0, Op.append(K, "a"), 0, 1, 1L)
                .ok(1, Op.append(K, "b"), 2, 3, 2L)
                .ok(0, Op.read(K), 4, 5, List.of("b", "a")), LIST);
        assertTrue(r.report().contains("first difference at index 0: model has \"a\", read returned \"b\""), r::report);
    }

    @Test
    void listElementDuplicated() {
        assertNotLinearizable(new H()
                .ok(0, Op.append(K, "a"), 0, 1, 1L)
                .info(1, Op.append(K, "b"), 2)
                .ok(0, Op.read(K), 4, 5, List.of("a", "b", "b")), LIST);
        assertNotLinearizable(new H()
                .ok(0, Op.append(K, "a"), 0, 1, 1L)
                .ok(0, Op.append(K, "b"), 2, 3, 3L), LIST);
    }

    // ---- search bound ----

    @Test
    void searchBudgetGivesUnknown() {
        H h = new H();
        for (int i = 0; i < 24; i++) {
            h.ok(i, Op.write(K, i), i, 1000 + i, "OK");
        }
        h.ok(99, Op.read(K), 2000, 2001, "nope");
        Result r = LinearizabilityChecker.check(h.h, REGISTER, Duration.ofSeconds(10), 20_000);
        assertEquals(Outcome.UNKNOWN, r.outcome(), r::report);
        assertFalse(r.linearizable());
        assertTrue(r.report().contains("step budget"), r.report());
    }

    // ---- History recorder ----

    @Test
    void historyRejectsDoubleCompletion() {
        History h = new History();
        long id = h.invoke(0, Op.read(K));
        h.ok(id, null);
        assertThrows(IllegalStateException.class, () -> h.info(id));
        assertThrows(IllegalArgumentException.class, () -> h.ok(42, null));
        History.Operation o = h.operations().get(0);
        assertEquals(History.Status.OK, o.status());
        assertTrue(o.completeNanos() >= o.invokeNanos());
    }

    @Test
    void liveThreadsOnRealAtomicObjects() throws Exception {
        History regHistory = new History();
        History ctrHistory = new History();
        AtomicReference<String> register = new AtomicReference<>();
        AtomicLong counter = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < 6; p++) {
            int process = p;
            threads.add(new Thread(() -> {
                SplittableRandom rnd = new SplittableRandom(process);
                for (int i = 0; i < 400; i++) {
                    switch (rnd.nextInt(4)) {
                        case 0: {
                            String v = process + ":" + i;
                            long id = regHistory.invoke(process, Op.write("reg", v));
                            register.set(v);
                            regHistory.ok(id, "OK");
                            break;
                        }
                        case 1: {
                            long id = regHistory.invoke(process, Op.read("reg"));
                            regHistory.ok(id, register.get());
                            break;
                        }
                        case 2: {
                            long id = ctrHistory.invoke(process, Op.incr("ctr"));
                            ctrHistory.ok(id, counter.incrementAndGet());
                            break;
                        }
                        default: {
                            long id = ctrHistory.invoke(process, Op.read("ctr"));
                            ctrHistory.ok(id, String.valueOf(counter.get()));
                        }
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        Result reg = LinearizabilityChecker.check(regHistory, REGISTER);
        assertTrue(reg.linearizable(), reg::report);
        Result ctr = LinearizabilityChecker.check(ctrHistory, COUNTER);
        assertTrue(ctr.linearizable(), ctr::report);
        assertEquals(2400, regHistory.size() + ctrHistory.size());
    }

    // ---- randomized: simulate a real atomic object with random concurrent timing ----

    /** One simulated operation; {@code lin} is its linearization point, or -1 if it never took effect. */
    private static final class SimOp {
        int process;
        Op op;
        long inv;
        long comp;
        History.Status status;
        long lin = -1;
        Object result;
    }

    /**
     * Processes issue operations with random durations and gaps; each op that takes effect does so
     * atomically at a random point inside its interval (unknown-outcome ops: possibly much later,
     * or never; failed ops: never). Results come from applying the ops to {@code model} in
     * linearization-point order, so the history is linearizable by construction.
     */
    private static <S> List<SimOp> simulate(long seed, int processes, int opsPerProcess, String key, Model<S> model,
            Function<SplittableRandom, Op> gen, double infoP, double failP) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<SimOp> all = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            long t = rnd.nextLong(50_000);
            for (int i = 0; i < opsPerProcess; i++) {
                SimOp s = new SimOp();
                s.process = p;
                s.op = gen.apply(rnd);
                long dur = 1_000 + rnd.nextLong(100_000);
                s.inv = t;
                s.comp = t + dur;
                t = s.comp + rnd.nextLong(30_000);
                double x = rnd.nextDouble();
                if (x < failP) {
                    s.status = History.Status.FAIL;
                } else if (x < failP + infoP) {
                    s.status = History.Status.INFO;
                    if (rnd.nextBoolean()) {
                        s.lin = s.inv + rnd.nextLong(5 * dur);
                    }
                } else {
                    s.status = History.Status.OK;
                    s.lin = s.inv + rnd.nextLong(dur + 1);
                }
                all.add(s);
            }
        }
        List<SimOp> applied = new ArrayList<>();
        for (SimOp s : all) {
            if (s.lin >= 0) {
                applied.add(s);
            }
        }
        applied.sort(Comparator.comparingLong(s -> s.lin));
        S state = model.init();
        for (SimOp s : applied) {
            Object result = realResult(model, state, s.op);
            state = model.step(state, s.op, Model.UNKNOWN);
            if (s.status == History.Status.OK) {
                s.result = result;
            }
        }
        return all;
    }

    /** The reply a real object in {@code state} gives to {@code op}. */
    private static Object realResult(Model<?> model, Object state, Op op) {
        if (model instanceof RegisterModel) {
            return op.is(Op.READ) ? ((java.util.Optional<?>) state).orElse(null) : "OK";
        }
        if (model instanceof CounterModel) {
            long v = (Long) state;
            return op.is(Op.READ) ? String.valueOf(v) : v + (Long) op.arg();
        }
        ListAppendModel.PList l = (ListAppendModel.PList) state;
        return op.is(Op.READ) ? l.toList() : (long) l.size() + 1;
    }

    private static History toHistory(List<SimOp> sim) {
        History h = new History();
        for (SimOp s : sim) {
            long id = h.invoke(s.process, s.op, s.inv);
            switch (s.status) {
                case OK:
                    h.ok(id, s.result, s.comp);
                    break;
                case FAIL:
                    h.fail(id, s.comp);
                    break;
                default:
                    h.info(id);
            }
        }
        return h;
    }

    private static Function<SplittableRandom, Op> registerOps(String key) {
        long[] next = {0};
        return rnd -> rnd.nextInt(10) < 4 ? Op.write(key, "v" + next[0]++) : Op.read(key);
    }

    @Test
    void randomRegisterHistoriesAreLinearizableAndCorruptionsAreCaught() {
        for (long seed = 1; seed <= 5; seed++) {
            List<SimOp> sim = new ArrayList<>();
            for (String key : List.of("a", "b", "c")) {
                sim.addAll(simulate(seed * 31 + key.hashCode(), 5, 120, key, REGISTER, registerOps(key), 0.05, 0.05));
            }
            Result good = LinearizabilityChecker.check(toHistory(sim), REGISTER, Duration.ofSeconds(10));
            assertTrue(good.linearizable(), good::report);

            // corrupt one read to return a stale value: w1 < w2 < read in real time, read returns w1's value
            SimOp stale = corruptWithStaleValue(sim, new SplittableRandom(seed));
            assertNotNull(stale, "no stale-read candidate for seed " + seed);
            Result bad = LinearizabilityChecker.check(toHistory(sim), REGISTER, Duration.ofSeconds(10));
            assertEquals(Outcome.NOT_LINEARIZABLE, bad.outcome(), bad::report);
            assertEquals(1, bad.problems().size(), bad::report);
            assertEquals(stale.op.key(), bad.problems().get(0).key());
            assertTrue(bad.report().contains("-> " + Op.render(stale.result)), bad::report);
        }
    }

    @Test
    void randomRegisterReadOfUnwrittenValueIsCaught() {
        List<SimOp> sim = simulate(7, 5, 200, K, REGISTER, registerOps(K), 0.05, 0.05);
        assertTrue(LinearizabilityChecker.check(toHistory(sim), REGISTER).linearizable());
        List<SimOp> reads = sim.stream().filter(s -> s.op.is(Op.READ) && s.status == History.Status.OK).toList();
        reads.get(reads.size() / 2).result = "never-written";
        Result bad = LinearizabilityChecker.check(toHistory(sim), REGISTER);
        assertEquals(Outcome.NOT_LINEARIZABLE, bad.outcome(), bad::report);
        assertTrue(bad.report().contains("never-written"), bad::report);
    }

    private static SimOp corruptWithStaleValue(List<SimOp> sim, SplittableRandom rnd) {
        String key = sim.get(rnd.nextInt(sim.size())).op.key();
        List<SimOp> ops = sim.stream().filter(s -> s.op.key().equals(key) && s.status == History.Status.OK).toList();
        List<SimOp> reads = new ArrayList<>(ops.stream().filter(s -> s.op.is(Op.READ)).toList());
        java.util.Collections.shuffle(reads, new java.util.Random(rnd.nextLong()));
        for (SimOp r : reads) {
            for (SimOp w2 : ops) {
                if (!w2.op.is(Op.WRITE) || w2.comp >= r.inv) {
                    continue;
                }
                for (SimOp w1 : ops) {
                    if (w1.op.is(Op.WRITE) && w1.comp < w2.inv && !w1.op.arg().equals(r.result)) {
                        r.result = w1.op.arg();
                        return r;
                    }
                }
            }
        }
        return null;
    }

    @Test
    void randomCounterHistories() {
        List<SimOp> sim = simulate(11, 6, 300, K, COUNTER,
                rnd -> rnd.nextInt(3) == 0 ? Op.read(K) : Op.incr(K), 0.05, 0.05);
        Result good = LinearizabilityChecker.check(toHistory(sim), COUNTER);
        assertTrue(good.linearizable(), good::report);
        // double-apply one acknowledged increment: every later result is shifted by one
        SimOp first = sim.stream().filter(s -> s.op.is(Op.INCR) && s.status == History.Status.OK)
                .min(Comparator.comparingLong(s -> s.lin)).orElseThrow();
        first.result = (Long) first.result + 1;
        assertEquals(Outcome.NOT_LINEARIZABLE, LinearizabilityChecker.check(toHistory(sim), COUNTER).outcome());
    }

    @Test
    void randomListAppendHistories() {
        long[] next = {0};
        List<SimOp> sim = simulate(13, 5, 200, K, LIST,
                rnd -> rnd.nextInt(2) == 0 ? Op.read(K) : Op.append(K, "e" + next[0]++), 0.05, 0.05);
        Result good = LinearizabilityChecker.check(toHistory(sim), LIST);
        assertTrue(good.linearizable(), good::report);
        // drop one acknowledged element from the last complete read
        SimOp read = sim.stream().filter(s -> s.op.is(Op.READ) && s.status == History.Status.OK
                && ((List<?>) s.result).size() > 3).max(Comparator.comparingLong(s -> s.inv)).orElseThrow();
        List<Object> l = new ArrayList<>((List<?>) read.result);
        l.remove(l.size() - 3);
        read.result = l;
        Result bad = LinearizabilityChecker.check(toHistory(sim), LIST);
        assertEquals(Outcome.NOT_LINEARIZABLE, bad.outcome(), bad::report);
        assertTrue(bad.report().contains("-> " + Op.render(l)), bad::report);
        System.out.println(bad.report());
    }

    @Test
    void tenThousandOpsOnOneKeyWithTenProcessesCheckQuickly() {
        List<SimOp> sim = simulate(17, 10, 1000, K, REGISTER, registerOps(K), 0.02, 0.02);
        long t0 = System.nanoTime();
        Result r = LinearizabilityChecker.check(toHistory(sim), REGISTER);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(r.linearizable(), r::report);
        assertTrue(ms < 15_000, "took " + ms + " ms");

        List<SimOp> ctr = simulate(19, 10, 1000, K, COUNTER,
                rnd -> rnd.nextInt(3) == 0 ? Op.read(K) : Op.incr(K), 0.02, 0.02);
        t0 = System.nanoTime();
        r = LinearizabilityChecker.check(toHistory(ctr), COUNTER);
        ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(r.linearizable(), r::report);
        assertTrue(ms < 15_000, "took " + ms + " ms");
        System.out.println("10k-op counter history: " + ms + " ms; " + r.report());
    }

    // ---- cross-check against brute force on small random (mostly non-linearizable) histories ----

    @Test
    void agreesWithBruteForceOnSmallRandomHistories() {
        SplittableRandom rnd = new SplittableRandom(42);
        int[] outcomes = new int[2];
        for (int round = 0; round < 3000; round++) {
            int kind = round % 3;
            Model<?> model = kind == 0 ? REGISTER : kind == 1 ? COUNTER : LIST;
            int n = 1 + rnd.nextInt(8);
            List<SimOp> ops = new ArrayList<>();
            List<String> appended = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                SimOp s = new SimOp();
                s.process = i;
                s.inv = rnd.nextLong(1000);
                s.comp = s.inv + 1 + rnd.nextLong(400);
                boolean read = rnd.nextInt(5) < 2;
                String v = "v" + i;
                s.op = kind == 0 ? (read ? Op.read(K) : Op.write(K, v))
                        : kind == 1 ? (read ? Op.read(K) : Op.incr(K)) : (read ? Op.read(K) : Op.append(K, v));
                if (!read) {
                    appended.add(v);
                }
                int st = rnd.nextInt(10);
                s.status = st == 0 ? History.Status.FAIL : st <= 2 ? History.Status.INFO : History.Status.OK;
                ops.add(s);
            }
            for (SimOp s : ops) {
                if (s.status != History.Status.OK) {
                    continue;
                }
                if (kind == 0) {
                    s.result = s.op.is(Op.READ) ? (rnd.nextInt(4) == 0 || appended.isEmpty() ? null
                            : appended.get(rnd.nextInt(appended.size()))) : "OK";
                } else if (kind == 1) {
                    s.result = s.op.is(Op.READ) ? String.valueOf(rnd.nextInt(4)) : (long) (1 + rnd.nextInt(4));
                } else if (s.op.is(Op.READ)) {
                    List<String> l = new ArrayList<>(appended);
                    java.util.Collections.shuffle(l, new java.util.Random(rnd.nextLong()));
                    s.result = new ArrayList<>(l.subList(0, rnd.nextInt(l.size() + 1)));
                } else {
                    s.result = (long) (1 + rnd.nextInt(4));
                }
            }
            boolean expected = bruteForce(model, ops);
            Result r = LinearizabilityChecker.check(toHistory(ops), model);
            assertEquals(expected ? Outcome.LINEARIZABLE : Outcome.NOT_LINEARIZABLE, r.outcome(),
                    () -> "round " + round(ops) + "\n" + r.report());
            outcomes[expected ? 1 : 0]++;
        }
        assertTrue(outcomes[0] > 300 && outcomes[1] > 300, Arrays.toString(outcomes));
    }

    private static String round(List<SimOp> ops) {
        StringBuilder sb = new StringBuilder();
        for (SimOp s : ops) {
            sb.append("\n  ").append(s.op).append(' ').append(s.status).append(' ').append(s.inv).append("..")
                    .append(s.comp).append(" -> ").append(s.result);
        }
        return sb.toString();
    }

    /** Tries every order of every subset containing all OK ops and any unknown ones. */
    private static boolean bruteForce(Model<?> model, List<SimOp> ops) {
        List<SimOp> live = ops.stream().filter(s -> s.status != History.Status.FAIL).toList();
        return extend(model, live, new boolean[live.size()], model.init());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static boolean extend(Model model, List<SimOp> ops, boolean[] done, Object state) {
        boolean allOkDone = true;
        for (int i = 0; i < ops.size(); i++) {
            if (!done[i] && ops.get(i).status == History.Status.OK) {
                allOkDone = false;
            }
        }
        if (allOkDone) {
            return true;
        }
        for (int i = 0; i < ops.size(); i++) {
            if (done[i]) {
                continue;
            }
            SimOp s = ops.get(i);
            boolean minimal = true; // no other pending OK op completed before s was invoked
            for (int j = 0; j < ops.size(); j++) {
                SimOp o = ops.get(j);
                if (!done[j] && j != i && o.status == History.Status.OK && o.comp < s.inv) {
                    minimal = false;
                }
            }
            if (!minimal) {
                continue;
            }
            Object next = model.step(state, s.op, s.status == History.Status.OK ? s.result : Model.UNKNOWN);
            if (next != null) {
                done[i] = true;
                boolean ok = extend(model, ops, done, next);
                done[i] = false;
                if (ok) {
                    return true;
                }
            }
        }
        return false;
    }
}
