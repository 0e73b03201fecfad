package io.redraft.jepsen;

import java.util.List;

/**
 * A sequential specification of a single key's object, for {@link LinearizabilityChecker}.
 *
 * <p>States must be immutable and implement {@code equals}/{@code hashCode} by value: the checker
 * memoizes (set of linearized operations, state) pairs. A state must never be {@code null};
 * {@code null} from {@link #step} means "this operation cannot return this result in this state".
 *
 * @param <S> the state type
 */
public interface Model<S> {

    /**
     * Passed to {@link #step} as the result of an operation whose outcome is unknown (INFO): the
     * step must accept it and return the state after the operation took effect. {@code step} must
     * never return {@code null} for an unknown result of a non-read-only operation.
     */
    Object UNKNOWN = new Object() {
        @Override
        public String toString() {
            return "?";
        }
    };

    /** The state before any operation. */
    S init();

    /**
     * Applies {@code op} to {@code state} assuming it returned {@code result} (or {@link #UNKNOWN}).
     *
     * @return the new state, or {@code null} if {@code op} cannot have returned {@code result} in {@code state}
     */
    S step(S state, Op op, Object result);

    /**
     * Read-only operations never change the state; with an unknown outcome they constrain nothing
     * and are dropped before the search.
     */
    default boolean isReadOnly(Op op) {
        return false;
    }

    /**
     * Pruning hook: may an unknown-outcome {@code op} be dropped because, whether or not it took
     * effect, no completed operation can tell? Must be sound: returning {@code true} asserts that
     * any linearization including {@code op} stays valid with {@code op} removed.
     *
     * @param completed the OK operations on the same key
     */
    default boolean canIgnoreUnknown(Op op, List<History.Operation> completed) {
        return false;
    }

    /**
     * Optional pruning hook: may {@code op} still return {@code result} after some sequence of
     * further operations applied to {@code state}? Return {@code false} only when that is
     * impossible (e.g. a counter that only grows is already above a value a pending read
     * returned); the checker then abandons {@code state} early. Must be sound for every sequence
     * of operations the history could contain. The default never prunes.
     */
    default boolean mayLaterReturn(S state, Op op, Object result) {
        return true;
    }

    /**
     * For reports: why {@code op} cannot return {@code result} in {@code state} (e.g. the first
     * differing list element), or {@code null} for no extra detail.
     */
    default String mismatch(S state, Op op, Object result) {
        return null;
    }

    /** Rendering of a state for reports. */
    default String describe(S state) {
        return String.valueOf(state);
    }
}
