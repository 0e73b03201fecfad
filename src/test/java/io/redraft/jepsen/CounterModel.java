package io.redraft.jepsen;

/**
 * A counter (INCR / INCRBY / GET) starting at 0. Ops: {@link Op#incr}/{@link Op#incrBy} return the
 * new value; {@link Op#read} returns the value ({@code null} reads as 0). Increments must be
 * non-negative: the model prunes the search using the fact that the counter never decreases.
 */
public final class CounterModel implements Model<Long> {

    @Override
    public Long init() {
        return 0L;
    }

    @Override
    public Long step(Long state, Op op, Object result) {
        switch (op.f()) {
            case Op.INCR: {
                long next = state + delta(op);
                if (result == UNKNOWN) {
                    return next;
                }
                Long r = Op.toLong(result);
                return r != null && r == next ? next : null;
            }
            case Op.READ: {
                if (result == UNKNOWN) {
                    return state;
                }
                Long r = result == null ? Long.valueOf(0L) : Op.toLong(result);
                return r != null && r.longValue() == state ? state : null;
            }
            default:
                throw new IllegalArgumentException("counter does not support " + op);
        }
    }

    private static long delta(Op op) {
        long d = op.arg() == null ? 1L : Op.toLong(op.arg());
        if (d < 0) {
            throw new IllegalArgumentException("CounterModel assumes non-negative increments: " + op);
        }
        return d;
    }

    /** The counter never decreases, so a state above what a pending op needs is dead. */
    @Override
    public boolean mayLaterReturn(Long state, Op op, Object result) {
        if (result == UNKNOWN) {
            return true;
        }
        switch (op.f()) {
            case Op.INCR: {
                Long r = Op.toLong(result);
                return r == null || state + delta(op) <= r;
            }
            case Op.READ: {
                Long r = result == null ? Long.valueOf(0L) : Op.toLong(result);
                return r == null || state <= r;
            }
            default:
                return true;
        }
    }

    @Override
    public boolean isReadOnly(Op op) {
        return op.is(Op.READ);
    }
}
