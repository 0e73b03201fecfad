package io.redraft.script;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.OneArgFunction;

/**
 * lua-cjson's encode/decode as Redis bundles it: tables with keys 1..n encode as arrays, other
 * tables as objects, numbers with 14 significant digits, '/' escaped; {@code cjson.null} is
 * JSON null. Object key order follows the table's iteration order (as in cjson).
 */
final class LuaCjson {
    static final LuaValue NULL = new LuaUserdata(new Object()) {
        @Override
        public String tojstring() {
            return "userdata: NULL";
        }
    };
    private static final int MAX_DEPTH = 1000;

    private LuaCjson() {
    }

    static LuaTable create() {
        LuaTable cjson = new LuaTable();
        cjson.rawset("null", NULL);
        cjson.rawset("encode", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue value) {
                StringBuilder out = new StringBuilder();
                encode(value, out, 0);
                return LuaString.valueOf(out.toString().getBytes(StandardCharsets.ISO_8859_1));
            }
        });
        cjson.rawset("decode", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue text) {
                LuaString s = text.checkstring();
                Decoder d = new Decoder(new String(LuaReplies.bytes(s), StandardCharsets.ISO_8859_1));
                LuaValue v = d.value(0);
                d.skipSpaces();
                if (d.pos != d.s.length()) {
                    throw d.error("the end");
                }
                return v;
            }
        });
        return cjson;
    }

    private static void encode(LuaValue v, StringBuilder out, int depth) {
        if (depth > MAX_DEPTH) {
            throw new LuaError("Cannot serialise, excessive nesting (1001)");
        }
        switch (v.type()) {
            case LuaValue.TNIL -> out.append("null");
            case LuaValue.TBOOLEAN -> out.append(v.toboolean() ? "true" : "false");
            case LuaValue.TNUMBER -> out.append(number(v.todouble()));
            case LuaValue.TSTRING -> string(LuaReplies.bytes(v.checkstring()), out);
            case LuaValue.TTABLE -> table((LuaTable) v, out, depth);
            default -> {
                if (v == NULL) {
                    out.append("null");
                } else {
                    throw new LuaError("Cannot serialise " + v.typename() + ": type not supported");
                }
            }
        }
    }

    private static void table(LuaTable t, StringBuilder out, int depth) {
        int arrayLength = arrayLength(t);
        if (arrayLength > 0) {
            out.append('[');
            for (int i = 1; i <= arrayLength; i++) {
                if (i > 1) {
                    out.append(',');
                }
                encode(t.rawget(i), out, depth + 1);
            }
            out.append(']');
            return;
        }
        out.append('{');
        boolean first = true;
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs next = t.next(k);
            if ((k = next.arg1()).isnil()) {
                break;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            if (k.type() == LuaValue.TSTRING) {
                string(LuaReplies.bytes(k.checkstring()), out);
            } else if (k.type() == LuaValue.TNUMBER) {
                out.append('"').append(number(k.todouble())).append('"');
            } else {
                throw new LuaError("Cannot serialise " + k.typename() + ": table key must be a number or string");
            }
            out.append(':');
            encode(next.arg(2), out, depth + 1);
        }
        out.append('}');
    }

    /** n when the keys are exactly 1..n (cjson's array test, without its sparse-array option); else 0. */
    private static int arrayLength(LuaTable t) {
        int count = 0;
        double max = 0;
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs next = t.next(k);
            if ((k = next.arg1()).isnil()) {
                break;
            }
            if (k.type() != LuaValue.TNUMBER || k.todouble() < 1 || k.todouble() != Math.floor(k.todouble())) {
                return 0;
            }
            max = Math.max(max, k.todouble());
            count++;
        }
        return max == count ? count : 0;
    }

    /** C's "%.14g". */
    static String number(double d) {
        if (Double.isNaN(d)) {
            return d != d ? "nan" : "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e14) {
            return Long.toString((long) d);
        }
        BigDecimal b = new BigDecimal(d).round(new MathContext(14)).stripTrailingZeros();
        int exponent = b.precision() - b.scale() - 1;
        if (exponent < -4 || exponent >= 14) {
            String digits = b.unscaledValue().abs().toString();
            String mantissa = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
            return (b.signum() < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                    + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        }
        return b.toPlainString();
    }

    private static void string(byte[] s, StringBuilder out) {
        out.append('"');
        for (byte raw : s) {
            int c = raw & 0xff;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '/' -> out.append("\\/");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.append((char) c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A JSON reader over the bytes of a Lua string (as ISO-8859-1 chars, so UTF-8 passes through). */
    private static final class Decoder {
        final String s;
        int pos;

        Decoder(String s) {
            this.s = s;
        }

        LuaError error(String expected) {
            return new LuaError("Expected " + expected + " but found invalid token at character " + (pos + 1));
        }

        void skipSpaces() {
            while (pos < s.length() && " \t\r\n".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
        }

        LuaValue value(int depth) {
            if (depth > MAX_DEPTH) {
                throw new LuaError("Found too many nested data structures (1001) at character " + (pos + 1));
            }
            skipSpaces();
            if (pos >= s.length()) {
                throw error("value");
            }
            char c = s.charAt(pos);
            if (c == '{') {
                pos++;
                LuaTable t = new LuaTable();
                skipSpaces();
                if (peek('}')) {
                    return t;
                }
                while (true) {
                    skipSpaces();
                    if (pos >= s.length() || s.charAt(pos) != '"') {
                        throw error("object key string");
                    }
                    LuaValue key = string();
                    skipSpaces();
                    if (!peek(':')) {
                        throw error("colon");
                    }
                    t.rawset(key, value(depth + 1));
                    skipSpaces();
                    if (peek('}')) {
                        return t;
                    }
                    if (!peek(',')) {
                        throw error("comma or object end");
                    }
                }
            }
            if (c == '[') {
                pos++;
                LuaTable t = new LuaTable();
                skipSpaces();
                if (peek(']')) {
                    return t;
                }
                for (int i = 1; ; i++) {
                    t.rawset(i, value(depth + 1));
                    skipSpaces();
                    if (peek(']')) {
                        return t;
                    }
                    if (!peek(',')) {
                        throw error("comma or array end");
                    }
                }
            }
            if (c == '"') {
                return string();
            }
            if (s.startsWith("true", pos)) {
                pos += 4;
                return LuaValue.TRUE;
            }
            if (s.startsWith("false", pos)) {
                pos += 5;
                return LuaValue.FALSE;
            }
            if (s.startsWith("null", pos)) {
                pos += 4;
                return NULL;
            }
            int start = pos;
            while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
            try {
                return LuaValue.valueOf(Double.parseDouble(s.substring(start, pos)));
            } catch (NumberFormatException e) {
                pos = start;
                throw error("value");
            }
        }

        private boolean peek(char c) {
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private LuaValue string() {
            pos++; // opening quote
            StringBuilder out = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    throw error("string end");
                }
                char c = s.charAt(pos++);
                if (c == '"') {
                    return LuaString.valueOf(out.toString().getBytes(StandardCharsets.ISO_8859_1));
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (pos >= s.length()) {
                    throw error("string end");
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw error("unicode escape");
                        }
                        int cp = Integer.parseInt(s.substring(pos, pos + 4), 16);
                        pos += 4;
                        // UTF-8 bytes of the code point, one char per byte
                        byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                        for (byte b : utf8) {
                            out.append((char) (b & 0xff));
                        }
                    }
                    default -> out.append(e);
                }
            }
        }
    }
}
