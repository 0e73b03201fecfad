package io.redraft.jepsen;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A thread-safe record of operations issued by concurrent test clients.
 *
 * <p>Usage from a client thread:
 *
 * <pre>{@code
 * long id = history.invoke(process, Op.write("k", v));   // just before sending the request
 * try {
 *     jedis.set("k", v);
 *     history.ok(id, "OK");                           // right after the reply arrives
 * } catch (JedisDataException e) {                     // error reply: Redraft did not apply it
 *     history.fail(id);
 * } catch (JedisConnectionException e) {               // timeout / connection lost: unknown
 *     history.info(id);
 * }
 * }</pre>
 *
 * <p>Times are {@link System#nanoTime()} readings taken inside these calls, so the recorded
 * invocation precedes the request and the recorded completion follows the reply. An operation
 * still pending when the history is checked is treated like {@link #info(long)}. The checker does
 * not require a process to be sequential, but by convention a process that got an {@code info}
 * should continue under a fresh process number (as in Jepsen).
 *
 * <p>The overloads taking an explicit {@code atNanos} exist for synthetic histories (tests,
 * simulations); any consistent time base works.
 */
public final class History {

    public enum Status {
        /** Invoked, no completion recorded yet (checked as INFO). */
        PENDING,
        /** Completed with a result. */
        OK,
        /** Definitely did not take effect. */
        FAIL,
        /** Outcome unknown: may or may not have taken effect, at any time after invocation. */
        INFO
    }

    /** Immutable snapshot of one recorded operation. */
    public static final class Operation {
        private final long id;
        private final int process;
        private final Op op;
        private final long invokeNanos;
        private final long completeNanos;
        private final Status status;
        private final Object result;

        Operation(long id, int process, Op op, long invokeNanos, long completeNanos, Status status, Object result) {
            this.id = id;
            this.process = process;
            this.op = op;
            this.invokeNanos = invokeNanos;
            this.completeNanos = completeNanos;
            this.status = status;
            this.result = result;
        }

        public long id() {
            return id;
        }

        public int process() {
            return process;
        }

        public Op op() {
            return op;
        }

        public long invokeNanos() {
            return invokeNanos;
        }

        /** Completion time; {@link Long#MAX_VALUE} (+infinity) for INFO and PENDING operations. */
        public long completeNanos() {
            return completeNanos;
        }

        public Status status() {
            return status;
        }

        /** The reply for OK operations, null otherwise. */
        public Object result() {
            return result;
        }

        /** True for INFO and PENDING: the operation may or may not have taken effect. */
        public boolean unknown() {
            return status == Status.INFO || status == Status.PENDING;
        }

        @Override
        public String toString() {
            return "p" + process + " " + op.key() + " " + op + " -> "
                    + (status == Status.OK ? Op.render(result) : status.name().toLowerCase());
        }
    }

    private static final class Entry {
        final int process;
        final Op op;
        final long invokeNanos;
        long completeNanos = Long.MAX_VALUE;
        Status status = Status.PENDING;
        Object result;

        Entry(int process, Op op, long invokeNanos) {
            this.process = process;
            this.op = op;
            this.invokeNanos = invokeNanos;
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    /** Records the invocation of {@code op} by {@code process}; call just before sending the request. */
    public long invoke(int process, Op op) {
        return invoke(process, op, System.nanoTime());
    }

    public synchronized long invoke(int process, Op op, long atNanos) {
        Objects.requireNonNull(op, "op");
        entries.add(new Entry(process, op, atNanos));
        return entries.size() - 1;
    }

    /** The operation completed with {@code result}; call right after the reply arrives. */
    public void ok(long id, Object result) {
        ok(id, result, System.nanoTime());
    }

    public synchronized void ok(long id, Object result, long atNanos) {
        Entry e = pending(id);
        if (atNanos < e.invokeNanos) {
            throw new IllegalArgumentException("completion before invocation for op " + id);
        }
        e.status = Status.OK;
        e.result = result;
        e.completeNanos = atNanos;
    }

    /** The operation definitely did not take effect (e.g. an error reply Redraft guarantees was not applied). */
    public void fail(long id) {
        fail(id, System.nanoTime());
    }

    public synchronized void fail(long id, long atNanos) {
        Entry e = pending(id);
        e.status = Status.FAIL;
        e.completeNanos = Math.max(atNanos, e.invokeNanos);
    }

    /** Outcome unknown (timeout, dropped connection): may take effect at any time after invocation, or never. */
    public synchronized void info(long id) {
        Entry e = pending(id);
        e.status = Status.INFO;
        e.completeNanos = Long.MAX_VALUE;
    }

    private Entry pending(long id) {
        if (id < 0 || id >= entries.size()) {
            throw new IllegalArgumentException("unknown operation id " + id);
        }
        Entry e = entries.get((int) id);
        if (e.status != Status.PENDING) {
            throw new IllegalStateException("operation " + id + " already completed as " + e.status);
        }
        return e;
    }

    /** A consistent snapshot of all operations, in invocation-call order (ids are indexes). */
    public synchronized List<Operation> operations() {
        List<Operation> out = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            out.add(new Operation(i, e.process, e.op, e.invokeNanos, e.completeNanos, e.status, e.result));
        }
        return out;
    }

    public synchronized int size() {
        return entries.size();
    }
}
