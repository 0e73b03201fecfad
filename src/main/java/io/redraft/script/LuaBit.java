package io.redraft.script;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;
import java.util.function.IntBinaryOperator;

/** LuaBitOp's {@code bit} library as Redis bundles it: 32-bit operations with signed results. */
final class LuaBit {
    private LuaBit() {
    }

    static LuaTable create() {
        LuaTable bit = new LuaTable();
        bit.rawset("tobit", unary(x -> x));
        bit.rawset("bnot", unary(x -> ~x));
        bit.rawset("bswap", unary(Integer::reverseBytes));
        bit.rawset("band", fold((a, b) -> a & b));
        bit.rawset("bor", fold((a, b) -> a | b));
        bit.rawset("bxor", fold((a, b) -> a ^ b));
        bit.rawset("lshift", shift((x, n) -> x << n));
        bit.rawset("rshift", shift((x, n) -> x >>> n));
        bit.rawset("arshift", shift((x, n) -> x >> n));
        bit.rawset("rol", shift(Integer::rotateLeft));
        bit.rawset("ror", shift(Integer::rotateRight));
        bit.rawset("tohex", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                int x = tobit(args.arg1());
                int n = args.isnoneornil(2) ? 8 : tobit(args.arg(2));
                String digits = "0123456789abcdef";
                if (n < 0) {
                    n = -n;
                    digits = "0123456789ABCDEF";
                }
                n = Math.min(n, 8);
                char[] out = new char[n];
                for (int i = n - 1; i >= 0; i--) {
                    out[i] = digits.charAt(x & 15);
                    x >>>= 4;
                }
                return LuaValue.valueOf(new String(out));
            }
        });
        return bit;
    }

    /** LuaBitOp's number normalization: round to an integer and keep the low 32 bits. */
    static int tobit(LuaValue v) {
        return (int) (long) Math.rint(v.checkdouble());
    }

    private static VarArgFunction unary(java.util.function.IntUnaryOperator op) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return LuaValue.valueOf(op.applyAsInt(tobit(args.arg1())));
            }
        };
    }

    private static VarArgFunction fold(IntBinaryOperator op) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                int acc = tobit(args.arg1());
                for (int i = 2; i <= args.narg(); i++) {
                    acc = op.applyAsInt(acc, tobit(args.arg(i)));
                }
                return LuaValue.valueOf(acc);
            }
        };
    }

    private static VarArgFunction shift(IntBinaryOperator op) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return LuaValue.valueOf(op.applyAsInt(tobit(args.arg1()), tobit(args.arg(2)) & 31));
            }
        };
    }
}
