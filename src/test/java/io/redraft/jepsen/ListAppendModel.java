package io.redraft.jepsen;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A list under RPUSH / LRANGE 0 -1. Ops: {@link Op#append} returns the new length;
 * {@link Op#read} returns the whole list ({@code null} reads as empty). Elements compare as strings.
 */
public final class ListAppendModel implements Model<ListAppendModel.PList> {

    /**
     * Immutable, structurally shared list (a cons list from the tail) with cached size and hash,
     * so that steps and memoization are cheap even for long lists.
     */
    public static final class PList {
        static final PList EMPTY = new PList(null, null, 0, 1);

        private final PList init;
        private final String last;
        private final int size;
        private final int hash;

        private PList(PList init, String last, int size, int hash) {
            this.init = init;
            this.last = last;
            this.size = size;
            this.hash = hash;
        }

        PList append(String v) {
            return new PList(this, v, size + 1, 31 * hash + Objects.hashCode(v));
        }

        public int size() {
            return size;
        }

        public List<String> toList() {
            String[] a = new String[size];
            PList p = this;
            for (int i = size - 1; i >= 0; i--, p = p.init) {
                a[i] = p.last;
            }
            List<String> out = new ArrayList<>(size);
            Collections.addAll(out, a);
            return out;
        }

        boolean sameAs(List<?> l) {
            if (l.size() != size) {
                return false;
            }
            PList p = this;
            for (int i = size - 1; i >= 0; i--, p = p.init) {
                if (!Objects.equals(p.last, Op.str(l.get(i)))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof PList)) {
                return false;
            }
            PList a = this;
            PList b = (PList) o;
            if (a.size != b.size || a.hash != b.hash) {
                return false;
            }
            while (a != b) { // shared tails end the walk early
                if (!Objects.equals(a.last, b.last)) {
                    return false;
                }
                a = a.init;
                b = b.init;
            }
            return true;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public String toString() {
            return Op.render(toList());
        }
    }

    @Override
    public PList init() {
        return PList.EMPTY;
    }

    @Override
    public PList step(PList state, Op op, Object result) {
        switch (op.f()) {
            case Op.APPEND: {
                PList next = state.append(Op.str(op.arg()));
                if (result == UNKNOWN) {
                    return next;
                }
                Long r = Op.toLong(result);
                return r != null && r == next.size() ? next : null;
            }
            case Op.READ: {
                if (result == UNKNOWN) {
                    return state;
                }
                if (result == null) {
                    return state.size() == 0 ? state : null;
                }
                return result instanceof List && state.sameAs((List<?>) result) ? state : null;
            }
            default:
                throw new IllegalArgumentException("list-append does not support " + op);
        }
    }

    /**
     * The list only grows and its prefix never changes: a state longer than a pending op's result
     * allows, or whose last element differs from the result's element at that index, is dead.
     */
    @Override
    public boolean mayLaterReturn(PList state, Op op, Object result) {
        if (result == UNKNOWN) {
            return true;
        }
        switch (op.f()) {
            case Op.APPEND: {
                Long r = Op.toLong(result);
                return r == null || state.size() + 1 <= r;
            }
            case Op.READ: {
                if (!(result instanceof List) || state.size() == 0) {
                    return result != null || state.size() == 0;
                }
                List<?> r = (List<?>) result;
                return state.size() <= r.size() && Objects.equals(state.last, Op.str(r.get(state.size() - 1)));
            }
            default:
                return true;
        }
    }

    @Override
    public boolean isReadOnly(Op op) {
        return op.is(Op.READ);
    }

    @Override
    public String mismatch(PList state, Op op, Object result) {
        if (!op.is(Op.READ) || !(result instanceof List)) {
            return null;
        }
        List<?> r = (List<?>) result;
        List<String> m = state.toList();
        for (int i = 0; i < Math.min(m.size(), r.size()); i++) {
            String got = Op.str(r.get(i));
            if (!Objects.equals(m.get(i), got)) {
                return "first difference at index " + i + ": model has " + Op.render(m.get(i)) + ", read returned "
                        + Op.render(got) + (m.contains(got) ? " (at model index " + m.indexOf(got) + ")"
                        : " (not in the model)");
            }
        }
        return "model has " + m.size() + " element(s), read returned " + r.size();
    }

    @Override
    public String describe(PList state) {
        return state.toString() + " (length " + state.size() + ")";
    }
}
