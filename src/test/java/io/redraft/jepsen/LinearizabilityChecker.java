package io.redraft.jepsen;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Linearizability checker in the style of Porcupine / Knossos: the Wing &amp; Gong backtracking
 * search over a doubly linked list of call/return entries, with Lowe's memoization of
 * (set of linearized operations, model state) pairs, after partitioning the history by key
 * (P-compositionality: a history is linearizable iff every per-key sub-history is).
 *
 * <p>Outcomes: {@code FAIL} operations are dropped (they did not take effect). {@code INFO} and
 * still-{@code PENDING} operations get a completion time of +infinity: they may be linearized at
 * any point after their invocation, or never (the search succeeds once every {@code OK}
 * operation is linearized). Read-only unknown operations are dropped; the model may drop other
 * unobservable ones ({@link Model#canIgnoreUnknown}). Unknown operations that are identical (same
 * op and argument) are interchangeable and linearized only in invocation order, which keeps e.g.
 * many timed-out INCRs from blowing up the search. At each point OK operations are tried before
 * unknown ones, so the latter are linearized only when something needs them, and models may
 * prune dead states ({@link Model#mayLaterReturn}; the counter and list models do).
 *
 * <p>Memoization keys are the linearized set in a compact form (first unlinearized index plus the
 * bits after it, separately for OK and unknown ops) with a Zobrist hash, so a 10k-operation key
 * with ~10 concurrent processes checks in well under a second when linearizable.
 *
 * <p>When a key is not linearizable the report shows the furthest point the search reached: the
 * operation it could not linearize, the model state(s) it could have seen, the tail of one partial
 * linearization, and the window of operations overlapping it (plus the last few completed before
 * it and unknown-outcome ops still pending). Times are in ms since the first invocation.
 *
 * <p>The search is bounded by a deadline shared by all keys and by a per-key step budget; when
 * either runs out the key (and the result) is {@link Outcome#UNKNOWN}.
 */
public final class LinearizabilityChecker {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final long DEFAULT_MAX_STEPS_PER_KEY = 10_000_000L;

    /** Ops shown before the failure window, and the cap on window length in reports. */
    private static final int CONTEXT_BEFORE = 3;
    private static final int MAX_WINDOW = 40;
    private static final int CONTEXT_PENDING = 8;

    public enum Outcome {
        LINEARIZABLE,
        NOT_LINEARIZABLE,
        /** The search budget ran out before an answer was found. */
        UNKNOWN
    }

    /** Outcome for one key. */
    public static final class KeyResult {
        private final String key;
        private final Outcome outcome;
        private final int operations;
        private final long steps;
        private final long millis;
        private final String report;

        KeyResult(String key, Outcome outcome, int operations, long steps, long millis, String report) {
            this.key = key;
            this.outcome = outcome;
            this.operations = operations;
            this.steps = steps;
            this.millis = millis;
            this.report = report;
        }

        public String key() {
            return key;
        }

        public Outcome outcome() {
            return outcome;
        }

        /** Operations recorded on this key (including failed ones). */
        public int operations() {
            return operations;
        }

        public long steps() {
            return steps;
        }

        public long millis() {
            return millis;
        }

        /** Human-readable explanation; the failure window for NOT_LINEARIZABLE keys. */
        public String report() {
            return report;
        }

        @Override
        public String toString() {
            return report;
        }
    }

    /** Outcome for a whole history. */
    public static final class Result {
        private final List<KeyResult> keys;
        private final Outcome outcome;

        Result(List<KeyResult> keys) {
            this.keys = Collections.unmodifiableList(keys);
            Outcome o = Outcome.LINEARIZABLE;
            for (KeyResult k : keys) {
                if (k.outcome == Outcome.NOT_LINEARIZABLE) {
                    o = Outcome.NOT_LINEARIZABLE;
                    break;
                }
                if (k.outcome == Outcome.UNKNOWN) {
                    o = Outcome.UNKNOWN;
                }
            }
            this.outcome = o;
        }

        /** True only if every key was proven linearizable (UNKNOWN is not linearizable). */
        public boolean linearizable() {
            return outcome == Outcome.LINEARIZABLE;
        }

        public Outcome outcome() {
            return outcome;
        }

        /** Per-key results, sorted by key. */
        public List<KeyResult> keyResults() {
            return keys;
        }

        /** Keys whose outcome is not LINEARIZABLE. */
        public List<KeyResult> problems() {
            return keys.stream().filter(k -> k.outcome != Outcome.LINEARIZABLE).collect(Collectors.toList());
        }

        /** A human-readable summary; for failures, the offending window of operations per bad key. */
        public String report() {
            int ops = keys.stream().mapToInt(KeyResult::operations).sum();
            long steps = keys.stream().mapToLong(KeyResult::steps).sum();
            StringBuilder sb = new StringBuilder();
            sb.append(outcome).append(": ").append(keys.size()).append(" key(s), ").append(ops)
                    .append(" operation(s), ").append(steps).append(" search step(s)");
            for (KeyResult k : keys) {
                if (k.outcome != Outcome.LINEARIZABLE) {
                    sb.append("\n\n").append(k.report);
                }
            }
            return sb.toString();
        }

        @Override
        public String toString() {
            return report();
        }
    }

    private LinearizabilityChecker() {}

    public static <S> Result check(History history, Model<S> model) {
        return check(history, model, DEFAULT_TIMEOUT, DEFAULT_MAX_STEPS_PER_KEY);
    }

    public static <S> Result check(History history, Model<S> model, Duration timeout) {
        return check(history, model, timeout, DEFAULT_MAX_STEPS_PER_KEY);
    }

    /**
     * Checks {@code history} against {@code model} (applied independently to every key).
     *
     * @param timeout overall wall-clock budget for the whole check
     * @param maxStepsPerKey search steps allowed per key before giving up with UNKNOWN
     */
    public static <S> Result check(History history, Model<S> model, Duration timeout, long maxStepsPerKey) {
        List<History.Operation> ops = history.operations();
        long start = ops.stream().mapToLong(History.Operation::invokeNanos).min().orElse(0L);
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, List<History.Operation>> byKey = new TreeMap<>();
        for (History.Operation o : ops) {
            byKey.computeIfAbsent(o.op().key(), k -> new ArrayList<>()).add(o);
        }
        List<KeyResult> results = byKey.entrySet().parallelStream()
                .map(e -> new Search<>(e.getKey(), e.getValue(), model, start, deadline, maxStepsPerKey).run())
                .sorted(Comparator.comparing(KeyResult::key))
                .collect(Collectors.toList());
        return new Result(new ArrayList<>(results));
    }

    // ------------------------------------------------------------------------------------------

    /** A call or return entry in the Wing & Gong list. */
    private static final class Node {
        final boolean call;
        final int id;
        final long time;
        int pos;
        Node match;
        Node prev;
        Node next;

        Node(boolean call, int id, long time) {
            this.call = call;
            this.id = id;
            this.time = time;
        }
    }

    /**
     * Memo key: the linearized set in compact canonical form and the model state. OK ops and
     * unknown-outcome ops have separate id ranges; each range is encoded as the index of its first
     * unlinearized op plus the bits from there on, so the key stays small even when an early
     * unknown op is never linearized. The hash is Zobrist (XOR of per-op random words), maintained
     * incrementally.
     */
    private static final class MemoKey {
        final long[] bits;
        final Object state;
        final int hash;

        MemoKey(long[] bits, Object state, long zobrist) {
            this.bits = bits;
            this.state = state;
            long z = zobrist * 0x9E3779B97F4A7C15L;
            this.hash = (int) (z ^ (z >>> 32)) * 31 + state.hashCode();
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof MemoKey)) {
                return false;
            }
            MemoKey k = (MemoKey) o;
            return hash == k.hash && Arrays.equals(bits, k.bits) && state.equals(k.state);
        }
    }

    private static final class Search<S> {
        private final String key;
        private final List<History.Operation> all;
        private final Model<S> model;
        private final long start;
        private final long deadline;
        private final long maxSteps;

        // the operations taking part in the search (index = search id): OK ops, then unknown ones,
        // each in invocation order
        private History.Operation[] ops;
        private Object[] results;
        private boolean[] unknown;
        private int[] twinPrev;

        private int n;
        private int required;
        private Node head;
        private Node infoHead;
        private long[] zobrist;

        // per-search counters
        private long steps;
        private long pruned;
        private String reason = "";

        /** Failure diagnostics: the furthest return entry the search could not get past. */
        private final class Diag {
            int bestPos = -1;
            Node bestNode;
            final Set<String> bestStates = new LinkedHashSet<>();
            S bestState;
            BitSet bestLinearized = new BitSet();
            int[] bestPrefix = new int[0];
        }

        private Diag diag = new Diag();

        Search(String key, List<History.Operation> all, Model<S> model, long start, long deadline, long maxSteps) {
            this.key = key;
            this.all = all;
            this.model = model;
            this.start = start;
            this.deadline = deadline;
            this.maxSteps = maxSteps;
        }

        KeyResult run() {
            long t0 = System.nanoTime();
            List<History.Operation> completed = new ArrayList<>();
            for (History.Operation o : all) {
                if (o.status() == History.Status.OK) {
                    completed.add(o);
                }
            }
            List<History.Operation> kept = new ArrayList<>(completed);
            int dropped = 0;
            for (History.Operation o : all) {
                if (o.unknown()) {
                    if (model.isReadOnly(o.op()) || model.canIgnoreUnknown(o.op(), completed)) {
                        dropped++;
                    } else {
                        kept.add(o);
                    }
                }
            }
            // ids: OK ops first, then unknown-outcome ops, each range in invocation order
            kept.sort(Comparator.comparing(History.Operation::unknown)
                    .thenComparingLong(History.Operation::invokeNanos)
                    .thenComparingLong(History.Operation::id));
            n = kept.size();
            ops = kept.toArray(new History.Operation[0]);
            results = new Object[n];
            unknown = new boolean[n];
            twinPrev = new int[n];
            Map<Object, Integer> lastTwin = new HashMap<>();
            required = 0;
            for (int i = 0; i < n; i++) {
                unknown[i] = ops[i].unknown();
                results[i] = unknown[i] ? Model.UNKNOWN : ops[i].result();
                twinPrev[i] = -1;
                if (unknown[i]) {
                    Integer prev = lastTwin.put(ops[i].op(), i);
                    twinPrev[i] = prev == null ? -1 : prev;
                } else {
                    required++;
                }
            }

            // Entries: calls and returns of OK ops in one list, calls of unknown-outcome ops (whose
            // returns are at +infinity) in a second one; positions come from one global sort by
            // time, calls first on ties (the permissive choice).
            List<Node> nodes = new ArrayList<>(2 * n);
            for (int i = 0; i < n; i++) {
                Node c = new Node(true, i, ops[i].invokeNanos());
                nodes.add(c);
                if (!unknown[i]) {
                    Node r = new Node(false, i, ops[i].completeNanos());
                    c.match = r;
                    r.match = c;
                    nodes.add(r);
                }
            }
            nodes.sort(Comparator.comparingLong((Node x) -> x.time)
                    .thenComparing(x -> x.call ? 0 : 1)
                    .thenComparingInt(x -> x.id));
            head = new Node(true, -1, Long.MIN_VALUE);
            infoHead = new Node(true, -1, Long.MIN_VALUE);
            Node prevMain = head;
            Node prevInfo = infoHead;
            for (int i = 0; i < nodes.size(); i++) {
                Node x = nodes.get(i);
                x.pos = i;
                if (unknown[x.id]) {
                    x.prev = prevInfo;
                    prevInfo.next = x;
                    prevInfo = x;
                } else {
                    x.prev = prevMain;
                    prevMain.next = x;
                    prevMain = x;
                }
            }

            zobrist = new long[n];
            SplittableRandom rnd = new SplittableRandom(0x5EEDL ^ key.hashCode());
            for (int i = 0; i < n; i++) {
                zobrist[i] = rnd.nextLong();
            }

            Outcome outcome = search(true, maxSteps);
            long totalSteps = steps;
            String reason = this.reason;
            if (outcome == Outcome.NOT_LINEARIZABLE && pruned > 0) {
                // Model pruning can make the search give up before reaching the operation that is
                // really at fault; for the report, find the natural failure point without it.
                Diag pruning = diag;
                long budget = Math.min(maxSteps, Math.max(100_000L, 2 * steps));
                Outcome plain = search(false, budget);
                totalSteps += steps;
                if (plain == Outcome.LINEARIZABLE) {
                    throw new IllegalStateException(model.getClass().getName()
                            + ".mayLaterReturn pruned a valid linearization of key " + Op.render(key));
                }
                if (plain != Outcome.NOT_LINEARIZABLE) {
                    diag = pruning;
                }
            }
            long millis = (System.nanoTime() - t0) / 1_000_000;
            String summary = String.format(Locale.ROOT,
                    "key %s: %s (%d ops: %d searched, %d unknown-outcome dropped, %d failed; %d steps, %d ms)",
                    Op.render(key), outcome, all.size(), n, dropped,
                    all.stream().filter(o -> o.status() == History.Status.FAIL).count(), totalSteps, millis);
            String report;
            switch (outcome) {
                case NOT_LINEARIZABLE:
                    report = summary + "\n" + explain();
                    break;
                case UNKNOWN:
                    report = summary + "\n  search aborted: " + reason
                            + (diag.bestNode == null ? "" : "; furthest point reached:\n" + explain());
                    break;
                default:
                    report = summary;
            }
            return new KeyResult(key, outcome, all.size(), totalSteps, millis, report);
        }

        /** One Wing & Gong search over the entry lists (left intact when it returns). */
        private Outcome search(boolean prune, long budget) {
            // Wing & Gong / Lowe search. The candidates at each point are the calls preceding the
            // first pending return (the "blocking" return). OK ops are tried first, in list order;
            // unknown-outcome ops only after them, so they are linearized only when needed.
            diag = new Diag();
            steps = 0;
            pruned = 0;
            reason = "";
            S state = model.init();
            BitSet linearized = new BitSet(n);
            long z = 0;
            Node[] stackNode = new Node[n];
            @SuppressWarnings("unchecked")
            S[] stackState = (S[]) new Object[n];
            Node[] stackBlocker = new Node[n];
            int sp = 0;
            int remaining = required;
            Set<MemoKey> cache = new HashSet<>();
            Node entry = head.next;
            boolean infoPhase = false;
            Node blocker = null; // the first return in the main list, valid in the info phase
            Outcome outcome;
            while (true) {
                if (remaining == 0) {
                    outcome = Outcome.LINEARIZABLE;
                    break;
                }
                Node candidate = null;
                if (!infoPhase) {
                    if (entry.call) {
                        candidate = entry;
                    } else {
                        infoPhase = true;
                        blocker = entry;
                        entry = infoHead.next;
                        continue;
                    }
                } else if (entry != null && entry.pos < blocker.pos) {
                    int twin = twinPrev[entry.id];
                    if (twin < 0 || linearized.get(twin)) { // identical earlier unknown ops go first
                        candidate = entry;
                    } else {
                        entry = entry.next;
                        continue;
                    }
                }

                // a step: one attempt to linearize a candidate, or one backtrack
                steps++;
                if (steps > budget) {
                    outcome = Outcome.UNKNOWN;
                    reason = "step budget of " + budget + " exhausted";
                    break;
                }
                if ((steps & 1023) == 0 && System.nanoTime() - deadline > 0) {
                    outcome = Outcome.UNKNOWN;
                    reason = "time budget exhausted";
                    break;
                }
                if (candidate != null) {
                    int id = candidate.id;
                    S next = model.step(state, ops[id].op(), results[id]);
                    if (next != null) {
                        linearized.set(id);
                        long z2 = z ^ zobrist[id];
                        boolean alive = true;
                        if (prune) {
                            Node doomed = doomed(next, candidate);
                            if (doomed != null) {
                                // diagnose as if the search had reached the doomed op's return
                                alive = false;
                                pruned++;
                                noteFailure(doomed.match, next, stackNode, sp, linearized);
                            }
                        }
                        if (alive && cache.add(memoKey(linearized, required, n, next, z2))) {
                            stackNode[sp] = candidate;
                            stackState[sp] = state;
                            stackBlocker[sp] = blocker;
                            sp++;
                            state = next;
                            z = z2;
                            if (!unknown[id]) {
                                remaining--;
                            }
                            lift(candidate);
                            entry = head.next;
                            infoPhase = false;
                            continue;
                        }
                        linearized.clear(id);
                    }
                    entry = candidate.next;
                    continue;
                }
                // No candidate left before the blocking return: backtrack.
                noteFailure(blocker, state, stackNode, sp, linearized);
                if (sp == 0) {
                    outcome = Outcome.NOT_LINEARIZABLE;
                    break;
                }
                sp--;
                Node e = stackNode[sp];
                state = stackState[sp];
                blocker = stackBlocker[sp];
                stackNode[sp] = null;
                stackState[sp] = null;
                stackBlocker[sp] = null;
                linearized.clear(e.id);
                z ^= zobrist[e.id];
                if (!unknown[e.id]) {
                    remaining++;
                }
                unlift(e);
                entry = e.next;
                infoPhase = unknown[e.id];
            }
            return outcome;
        }

        private static MemoKey memoKey(BitSet linearized, int split, int n, Object state, long z) {
            int okLow = linearized.nextClearBit(0);
            int okHigh = okLow >= split ? split : Math.min(split, linearized.previousSetBit(split - 1) + 1);
            int infoLow = linearized.nextClearBit(split);
            int infoHigh = linearized.length();
            int okWords = okHigh > okLow ? (okHigh - okLow + 63) >>> 6 : 0;
            int infoWords = infoHigh > infoLow ? (infoHigh - infoLow + 63) >>> 6 : 0;
            long[] bits = new long[3 + okWords + infoWords];
            bits[0] = okLow;
            bits[1] = okWords;
            bits[2] = infoLow;
            if (okWords > 0) {
                long[] w = linearized.get(okLow, okHigh).toLongArray();
                System.arraycopy(w, 0, bits, 3, w.length);
            }
            if (infoWords > 0) {
                long[] w = linearized.get(infoLow, infoHigh).toLongArray();
                System.arraycopy(w, 0, bits, 3 + okWords, w.length);
            }
            return new MemoKey(bits, state, z);
        }

        /**
         * Model-specific pruning ({@link Model#mayLaterReturn}): {@code next} (the state after
         * linearizing {@code candidate}) is dead if an OK op that must be linearized soon (a pending
         * call before the first pending return) can never return its result from it.
         *
         * @return the first such op, or null if {@code next} is still viable
         */
        private Node doomed(S next, Node candidate) {
            for (Node x = head.next; x != null; x = x.next) {
                if (x == candidate) {
                    continue;
                }
                if (!x.call) {
                    if (x == candidate.match) {
                        continue;
                    }
                    return null;
                }
                if (!model.mayLaterReturn(next, ops[x.id].op(), results[x.id])) {
                    return x;
                }
            }
            return null;
        }

        private static void lift(Node e) {
            e.prev.next = e.next;
            if (e.next != null) {
                e.next.prev = e.prev;
            }
            Node m = e.match;
            if (m == null) {
                return;
            }
            m.prev.next = m.next;
            if (m.next != null) {
                m.next.prev = m.prev;
            }
        }

        private static void unlift(Node e) {
            Node m = e.match;
            if (m != null) {
                m.prev.next = m;
                if (m.next != null) {
                    m.next.prev = m;
                }
            }
            e.prev.next = e;
            if (e.next != null) {
                e.next.prev = e;
            }
        }

        private void noteFailure(Node ret, S state, Node[] stack, int sp, BitSet linearized) {
            if (ret.pos > diag.bestPos) {
                diag.bestPos = ret.pos;
                diag.bestLinearized = (BitSet) linearized.clone();
                diag.bestNode = ret;
                diag.bestStates.clear();
                diag.bestState = state;
                int k = Math.min(sp, 6);
                diag.bestPrefix = new int[k];
                for (int i = 0; i < k; i++) {
                    diag.bestPrefix[i] = stack[sp - k + i].id;
                }
            }
            if (ret.pos == diag.bestPos && diag.bestStates.size() < 8) {
                diag.bestStates.add(model.describe(state));
            }
        }

        /** The smallest window around the furthest point the search could not get past. */
        private String explain() {
            History.Operation blocked = ops[diag.bestNode.id];
            StringBuilder sb = new StringBuilder();
            sb.append("  No valid order lets this operation complete:\n");
            sb.append("    ").append(line(blocked)).append('\n');
            sb.append("  Model state(s) it could have observed: ")
                    .append(String.join(" | ", diag.bestStates)).append('\n');
            String mismatch = blocked.status() == History.Status.OK
                    ? model.mismatch(diag.bestState, blocked.op(), blocked.result()) : null;
            if (mismatch != null) {
                sb.append("  In the first of these: ").append(mismatch).append('\n');
            }
            if (diag.bestPrefix.length > 0) {
                sb.append("  Last ops of one such partial linearization:\n");
                for (int id : diag.bestPrefix) {
                    sb.append("    ").append(line(ops[id])).append('\n');
                }
            }
            long from = blocked.invokeNanos();
            long to = blocked.completeNanos();
            List<History.Operation> before = new ArrayList<>();
            List<History.Operation> window = new ArrayList<>();
            List<History.Operation> pendingUnknown = new ArrayList<>();
            for (History.Operation o : all) {
                if (o.status() == History.Status.OK) {
                    if (o.completeNanos() < from) {
                        before.add(o);
                    } else if (o.invokeNanos() <= to) {
                        window.add(o);
                    }
                }
            }
            for (int id = 0; id < ops.length; id++) {
                History.Operation o = ops[id];
                if (!unknown[id] || o.invokeNanos() > to) {
                    continue;
                }
                if (o.invokeNanos() >= from) {
                    window.add(o);
                } else if (!diag.bestLinearized.get(id)) {
                    pendingUnknown.add(o);
                }
            }
            before.sort(Comparator.comparingLong(History.Operation::completeNanos));
            before = before.subList(Math.max(0, before.size() - CONTEXT_BEFORE), before.size());
            before.sort(Comparator.comparingLong(History.Operation::invokeNanos));
            window.sort(Comparator.comparingLong(History.Operation::invokeNanos));
            sb.append("  Window (the ").append(before.size())
                    .append(" last op(s) completed before it, then every op overlapping it; >> marks it):\n");
            for (History.Operation o : before) {
                sb.append("       ").append(line(o)).append('\n');
            }
            int shown = 0;
            for (History.Operation o : window) {
                if (shown++ == MAX_WINDOW) {
                    sb.append("       ... ").append(window.size() - MAX_WINDOW).append(" more overlapping op(s)\n");
                    break;
                }
                sb.append(o == blocked ? "    >> " : "       ").append(line(o)).append('\n');
            }
            if (!pendingUnknown.isEmpty()) {
                sb.append("  Earlier unknown-outcome op(s) not linearized at that point (they could still take effect")
                        .append(pendingUnknown.size() > CONTEXT_PENDING ? ", latest " + CONTEXT_PENDING + " of "
                                + pendingUnknown.size() : "").append("):\n");
                for (History.Operation o : pendingUnknown.subList(
                        Math.max(0, pendingUnknown.size() - CONTEXT_PENDING), pendingUnknown.size())) {
                    sb.append("       ").append(line(o)).append('\n');
                }
            }
            return sb.toString().stripTrailing();
        }

        private String line(History.Operation o) {
            String outcome;
            switch (o.status()) {
                case OK:
                    outcome = "-> " + Op.render(o.result());
                    break;
                case FAIL:
                    outcome = "-> fail";
                    break;
                default:
                    outcome = "-> ? (" + o.status().name().toLowerCase(Locale.ROOT) + ", outcome unknown)";
            }
            return String.format(Locale.ROOT, "p%-3d [%s .. %s]  %-24s %s",
                    o.process(), ms(o.invokeNanos()), ms(o.completeNanos()), o.op(), outcome);
        }

        private String ms(long t) {
            if (t == Long.MAX_VALUE) {
                return String.format(Locale.ROOT, "%12s", "+inf");
            }
            return String.format(Locale.ROOT, "%9.3f ms", (t - start) / 1e6);
        }
    }
}
