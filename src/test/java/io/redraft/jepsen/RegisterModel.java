package io.redraft.jepsen;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A read/write register (SET / GET). Ops: {@link Op#write} (any reply is accepted) and
 * {@link Op#read} (returns the value, or {@code null} if never written). Values compare as strings.
 */
public final class RegisterModel implements Model<Optional<String>> {

    @Override
    public Optional<String> init() {
        return Optional.empty();
    }

    @Override
    public Optional<String> step(Optional<String> state, Op op, Object result) {
        switch (op.f()) {
            case Op.WRITE:
                return Optional.ofNullable(Op.str(op.arg()));
            case Op.READ:
                if (result == UNKNOWN) {
                    return state;
                }
                return Objects.equals(state.orElse(null), Op.str(result)) ? state : null;
            default:
                throw new IllegalArgumentException("register does not support " + op);
        }
    }

    @Override
    public boolean isReadOnly(Op op) {
        return op.is(Op.READ);
    }

    /** An unknown write whose value no read returned cannot be observed: drop it. */
    @Override
    public boolean canIgnoreUnknown(Op op, List<History.Operation> completed) {
        if (!op.is(Op.WRITE)) {
            return false;
        }
        String v = Op.str(op.arg());
        for (History.Operation c : completed) {
            if (c.op().is(Op.READ) && Objects.equals(v, Op.str(c.result()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String describe(Optional<String> state) {
        return Op.render(state.orElse(null));
    }
}
