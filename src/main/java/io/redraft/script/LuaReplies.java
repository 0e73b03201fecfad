package io.redraft.script;

import io.redraft.resp.DoubleFormat;
import io.redraft.resp.Reply;
import java.util.ArrayList;
import java.util.List;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * Redis's conversions between command replies and Lua values, both ways, as scripts see RESP2:
 * integer → number, bulk → string, nil → false, status → {ok=...}, error → {err=...}, array → table;
 * and back: number → integer (truncated), string → bulk, true → 1, false/nil → nil, {ok=}/{err=}
 * → status/error, other tables → arrays cut at the first nil.
 */
public final class LuaReplies {
    static final LuaString OK = LuaString.valueOf("ok");
    static final LuaString ERR = LuaString.valueOf("err");

    private LuaReplies() {
    }

    public static LuaValue toLua(Reply reply) {
        if (reply instanceof Reply.Int i) {
            return LuaValue.valueOf((double) i.value());
        } else if (reply instanceof Reply.Bulk b) {
            return LuaString.valueOf(b.value());
        } else if (reply instanceof Reply.Null) {
            return LuaValue.FALSE;
        } else if (reply instanceof Reply.Status s) {
            return singleField(OK, LuaValue.valueOf(s.text()));
        } else if (reply instanceof Reply.Error e) {
            return errorTable("-" + e.text());
        } else if (reply instanceof Reply.Array a) {
            return list(a.items());
        } else if (reply instanceof Reply.Dbl d) {
            return LuaValue.valueOf(DoubleFormat.format(d.value()));
        } else if (reply instanceof Reply.Bool b) {
            return LuaValue.valueOf(b.value() ? 1 : 0);
        } else if (reply instanceof Reply.MapReply m) {
            return list(m.keysAndValues());
        } else if (reply instanceof Reply.Pairs p) {
            return list(p.flat());
        } else if (reply instanceof Reply.SetReply s) {
            return list(s.items());
        } else if (reply instanceof Reply.Verbatim v) {
            return LuaString.valueOf(v.value());
        } else if (reply instanceof Reply.Push p) {
            return list(p.items());
        }
        throw new IllegalArgumentException("no Lua form for " + reply);
    }

    private static LuaTable list(List<Reply> items) {
        LuaTable t = new LuaTable(items.size(), 0);
        for (int i = 0; i < items.size(); i++) {
            t.rawset(i + 1, toLua(items.get(i)));
        }
        return t;
    }

    static LuaTable singleField(LuaString name, LuaValue value) {
        LuaTable t = new LuaTable();
        t.rawset(name, value);
        return t;
    }

    /**
     * Redis's luaPushErrorBuff: "-CODE message" keeps its code (a lone "-word" gets ERR), a text
     * without the dash is a message and gets the generic ERR code; trailing CR/LF are trimmed.
     */
    static LuaTable errorTable(String text) {
        return singleField(ERR, LuaValue.valueOf(errorText(text)));
    }

    static String errorText(String text) {
        String code = "ERR";
        String msg = text;
        if (text.startsWith("-")) {
            int space = text.indexOf(' ');
            if (space < 0) {
                msg = text.substring(1);
            } else {
                code = text.substring(1, space);
                msg = text.substring(space + 1);
            }
        }
        int end = msg.length();
        while (end > 0 && (msg.charAt(end - 1) == '\r' || msg.charAt(end - 1) == '\n')) {
            end--;
        }
        return code + " " + msg.substring(0, end);
    }

    /** A script's return value as a reply. */
    public static Reply toReply(LuaValue value) {
        switch (value.type()) {
            case LuaValue.TNUMBER:
                return Reply.integer((long) value.todouble());
            case LuaValue.TSTRING:
                return Reply.bulk(bytes(value.checkstring()));
            case LuaValue.TBOOLEAN:
                return value.toboolean() ? Reply.ONE : Reply.NULL;
            case LuaValue.TTABLE:
                return tableReply((LuaTable) value);
            default:
                return Reply.NULL;
        }
    }

    private static Reply tableReply(LuaTable t) {
        LuaValue err = t.rawget(ERR);
        if (err.type() == LuaValue.TSTRING) {
            return Reply.error(err.tojstring().replace('\r', ' ').replace('\n', ' '));
        }
        LuaValue ok = t.rawget(OK);
        if (ok.type() == LuaValue.TSTRING) {
            return Reply.status(ok.tojstring().replace('\r', ' ').replace('\n', ' '));
        }
        List<Reply> items = new ArrayList<>();
        for (int i = 1; ; i++) {
            LuaValue item = t.rawget(i);
            if (item.isnil()) {
                break;
            }
            items.add(toReply(item));
        }
        return Reply.array(items);
    }

    static byte[] bytes(LuaString s) {
        byte[] out = new byte[s.rawlen()];
        s.copyInto(0, out, 0, out.length);
        return out;
    }
}
