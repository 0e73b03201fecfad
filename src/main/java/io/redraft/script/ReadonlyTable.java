package io.redraft.script;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * A library table scripts cannot change, like Redis 7's readonly tables: any assignment fails
 * with Redis's message. Once built it is never written, so runs on several threads may share it.
 */
final class ReadonlyTable extends LuaTable {
    static final String MESSAGE = "Attempt to modify a readonly table";
    private boolean sealed;

    ReadonlyTable(LuaTable contents) {
        LuaValue k = LuaValue.NIL;
        while (true) {
            var next = contents.next(k);
            if ((k = next.arg1()).isnil()) {
                break;
            }
            super.rawset(k, next.arg(2));
        }
        sealed = true;
    }

    @Override
    public void rawset(LuaValue key, LuaValue value) {
        refuse();
        super.rawset(key, value);
    }

    @Override
    public void rawset(int key, LuaValue value) {
        refuse();
        super.rawset(key, value);
    }

    @Override
    public LuaValue setmetatable(LuaValue metatable) {
        refuse();
        return super.setmetatable(metatable);
    }

    @Override
    public void insert(int pos, LuaValue value) {
        refuse();
        super.insert(pos, value);
    }

    @Override
    public LuaValue remove(int pos) {
        refuse();
        return super.remove(pos);
    }

    @Override
    public void sort(LuaValue comparator) {
        refuse();
        super.sort(comparator);
    }

    @Override
    public void hashset(LuaValue key, LuaValue value) {
        refuse();
        super.hashset(key, value);
    }

    private void refuse() {
        if (sealed) {
            throw new LuaError(MESSAGE);
        }
    }
}
