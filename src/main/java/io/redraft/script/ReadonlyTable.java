package io.redraft.script;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * A library table scripts cannot change, like Redis 7's readonly tables: any assignment fails
 * with Redis's message.
 */
final class ReadonlyTable extends LuaTable {
    static final String MESSAGE = "Attempt to modify a readonly table";

    ReadonlyTable(LuaTable contents) {
        LuaValue k = LuaValue.NIL;
        while (true) {
            var next = contents.next(k);
            if ((k = next.arg1()).isnil()) {
                break;
            }
            super.rawset(k, next.arg(2));
        }
    }

    @Override
    public void rawset(LuaValue key, LuaValue value) {
        throw new LuaError(MESSAGE);
    }

    @Override
    public void rawset(int key, LuaValue value) {
        throw new LuaError(MESSAGE);
    }

    @Override
    public LuaValue setmetatable(LuaValue metatable) {
        throw new LuaError(MESSAGE);
    }
}
