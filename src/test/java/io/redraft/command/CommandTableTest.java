package io.redraft.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandTableTest {
    final CommandTable table = CommandTable.standard();

    @Test
    void everyRowIsFoundCaseInsensitively() {
        assertTrue(table.size() > 40);
        for (CommandSpec spec : table.all()) {
            assertSame(spec, table.lookup(spec.name()));
            assertSame(spec, table.lookup(spec.name().toUpperCase(Locale.ROOT)));
            assertSame(spec, table.lookup(spec.name().getBytes(StandardCharsets.UTF_8)));
            assertSame(spec, table.lookup(mixedCase(spec.name()).getBytes(StandardCharsets.UTF_8)));
            assertEquals(spec.name().toLowerCase(Locale.ROOT), spec.name());
            assertNotNull(spec.handler(), spec.name());
        }
        assertNull(table.lookup("nosuchcommand"));
    }

    private static String mixedCase(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            sb.append(i % 2 == 0 ? Character.toUpperCase(s.charAt(i)) : s.charAt(i));
        }
        return sb.toString();
    }

    @Test
    void deleteAliasesDel() {
        CommandSpec del = table.lookup("del");
        CommandSpec delete = table.lookup("DELETE");
        assertEquals("delete", delete.name());
        assertSame(del.handler(), delete.handler());
        assertEquals(del.arity(), delete.arity());
        assertEquals(del.flags(), delete.flags());
        assertEquals(List.of(del.firstKey(), del.lastKey(), del.step()),
                List.of(delete.firstKey(), delete.lastKey(), delete.step()));
        assertEquals(table.info(del), table.info(delete));
    }

    @Test
    void handlerKinds() {
        for (String read : new String[] {"get", "mget", "strlen", "exists", "dbsize", "ttl", "pttl", "type"}) {
            CommandSpec spec = table.lookup(read);
            assertTrue(spec.isRead(), read);
            assertTrue(spec.flags().contains(CommandFlag.READONLY), read);
        }
        for (String write : new String[] {"set", "mset", "setnx", "getset", "getdel", "incr", "decr", "incrby",
                "decrby", "append", "del", "delete", "flushall", "flushdb", "expire", "pexpire", "expireat",
                "pexpireat", "persist"}) {
            CommandSpec spec = table.lookup(write);
            assertTrue(spec.isWrite(), write);
            assertTrue(spec.flags().contains(CommandFlag.WRITE), write);
        }
        for (String local : new String[] {"ping", "echo", "hello", "auth", "select", "client", "quit", "reset",
                "readonly", "readwrite", "command", "info", "time", "bootstrap", "join", "remove", "leader",
                "nodes", "snapshot"}) {
            CommandSpec spec = table.lookup(local);
            assertTrue(spec.handler() instanceof Handler.Local, local);
        }
        // READONLY/WRITE flags exactly on the data commands; a data container (OBJECT) has them on
        // its subcommands, as in Redis. PUBLISH/SPUBLISH go through the log (so every node
        // delivers them) without changing data, and keep Redis's flags.
        for (CommandSpec spec : table.all()) {
            CommandTable sub = table.subcommands(spec);
            for (CommandSpec s : sub != null && !(spec.handler() instanceof Handler.Local) ? sub.all()
                    : java.util.List.of(spec)) {
                if (s.name().equals("eval") || s.name().equals("evalsha")) {
                    // Redis flags scripts neither way; Redraft runs them from the log (ScriptCommands)
                    assertTrue(s.isWrite() && !s.flags().contains(CommandFlag.WRITE), s.name());
                    continue;
                }
                boolean loggedPublish = s.isWrite() && s.flags().contains(CommandFlag.PUBSUB);
                assertEquals(s.isWrite() && !loggedPublish, s.flags().contains(CommandFlag.WRITE), s.name());
                assertEquals(s.isRead(), s.flags().contains(CommandFlag.READONLY) || s.name().equals("object|help"),
                        s.name());
            }
        }
    }

    @Test
    void redisArityAndKeyPositions() {
        Object[][] expected = {
                {"get", 2, 1, 1, 1}, {"set", -3, 1, 1, 1}, {"mget", -2, 1, -1, 1}, {"mset", -3, 1, -1, 2},
                {"setnx", 3, 1, 1, 1}, {"getset", 3, 1, 1, 1}, {"getdel", 2, 1, 1, 1}, {"incr", 2, 1, 1, 1},
                {"decr", 2, 1, 1, 1}, {"incrby", 3, 1, 1, 1}, {"decrby", 3, 1, 1, 1}, {"append", 3, 1, 1, 1},
                {"strlen", 2, 1, 1, 1}, {"del", -2, 1, -1, 1}, {"exists", -2, 1, -1, 1}, {"dbsize", 1, 0, 0, 0},
                {"flushall", -1, 0, 0, 0}, {"flushdb", -1, 0, 0, 0}, {"expire", -3, 1, 1, 1},
                {"pexpire", -3, 1, 1, 1}, {"expireat", -3, 1, 1, 1}, {"pexpireat", -3, 1, 1, 1},
                {"ttl", 2, 1, 1, 1}, {"pttl", 2, 1, 1, 1}, {"persist", 2, 1, 1, 1}, {"type", 2, 1, 1, 1},
                {"ping", -1, 0, 0, 0}, {"echo", 2, 0, 0, 0}, {"hello", -1, 0, 0, 0}, {"select", 2, 0, 0, 0},
                {"client", -2, 0, 0, 0}, {"quit", -1, 0, 0, 0}, {"reset", 1, 0, 0, 0}, {"command", -1, 0, 0, 0},
                {"info", -1, 0, 0, 0}, {"time", 1, 0, 0, 0}, {"readonly", 1, 0, 0, 0},
                {"bootstrap", 3, 0, 0, 0}, {"join", 3, 0, 0, 0}, {"remove", 2, 0, 0, 0}, {"leader", 1, 0, 0, 0},
                {"nodes", 1, 0, 0, 0}, {"snapshot", 1, 0, 0, 0},
        };
        for (Object[] row : expected) {
            CommandSpec spec = table.lookup((String) row[0]);
            assertNotNull(spec, (String) row[0]);
            assertEquals(List.of(row[1], row[2], row[3], row[4]),
                    List.of(spec.arity(), spec.firstKey(), spec.lastKey(), spec.step()), spec.name());
        }
    }

    @Test
    void flagsMatchRedis7() {
        assertEquals(Set.of(CommandFlag.WRITE, CommandFlag.DENYOOM), table.lookup("set").flags());
        assertEquals(Set.of(CommandFlag.READONLY, CommandFlag.FAST), table.lookup("get").flags());
        assertEquals(Set.of(CommandFlag.WRITE), table.lookup("del").flags());
        assertEquals(Set.of(CommandFlag.FAST), table.lookup("ping").flags());
        assertEquals(Set.of(CommandFlag.ADMIN, CommandFlag.NOSCRIPT), table.lookup("join").flags());
    }

    @Test
    void aclCategoriesIncludeImpliedOnes() {
        assertEquals(List.of(AclCategory.READ, AclCategory.STRING, AclCategory.FAST),
                List.copyOf(categories("get")));
        assertEquals(List.of(AclCategory.KEYSPACE, AclCategory.WRITE, AclCategory.SLOW),
                List.copyOf(categories("del")));
        assertEquals(List.of(AclCategory.KEYSPACE, AclCategory.WRITE, AclCategory.SLOW, AclCategory.DANGEROUS),
                List.copyOf(categories("flushall")));
        assertEquals(List.of(AclCategory.FAST, AclCategory.CONNECTION), List.copyOf(categories("ping")));
        assertEquals(List.of(AclCategory.ADMIN, AclCategory.SLOW, AclCategory.DANGEROUS),
                List.copyOf(categories("bootstrap")));
    }

    private Set<AclCategory> categories(String name) {
        CommandSpec spec = table.lookup(name);
        return AclCategory.effective(table.info(spec).acl(), spec.flags());
    }

    @Test
    void subcommandsAreFoundByFullName() {
        CommandSpec setname = table.lookupFullName("CLIENT|SETNAME");
        assertEquals("client|setname", setname.name());
        assertEquals(3, setname.arity());
        assertEquals("2.6.9", table.info(setname).since());
        assertNull(table.lookupFullName("client|nope"));
        assertNull(table.lookupFullName("get|x"));
        assertNull(table.lookupFullName("client|setname|x"));
        assertSame(table.lookup("get"), table.lookupFullName("get"));
        assertSame(setname, table.lookupCommand(Replies.argv("client", "SetName", "x"), 0));
        assertSame(table.lookup("client"), table.lookupCommand(Replies.argv("client"), 0));
        assertNull(table.lookupCommand(Replies.argv("client", "bogus"), 0));
        assertTrue(table.fullNames().contains("command|docs"));
        assertTrue(table.fullNames().contains("delete"));
        assertFalse(table.fullNames().contains("setname"));
    }

    @Test
    void everyRowIsDocumented() {
        for (CommandSpec spec : table.all()) {
            CommandInfo info = table.info(spec);
            assertFalse(info.summary().isEmpty(), spec.name());
            assertFalse(info.since().equals("0.0.0"), spec.name());
            boolean channelsAsKeys = info.keySpecs().stream().anyMatch(k -> k.flags().contains("not_key"));
            if (spec.firstKey() > 0 && !channelsAsKeys) {
                // one spec per key role: SMOVE, LMOVE and friends have a source and a destination
                assertFalse(info.keySpecs().isEmpty(), spec.name());
                assertTrue(hasKeyArg(info.args()), spec.name());
            }
        }
    }

    private static boolean hasKeyArg(List<CommandArg> args) {
        return args.stream().anyMatch(a -> a.type().equals("key") || hasKeyArg(a.subargs()));
    }

    @Test
    void argumentNotation() {
        List<CommandArg> args = CommandArg.parse("key:key ?condition:(NX|XX) ?GET "
                + "?expiration:(EX=seconds:integer|KEEPTTL) ?+data:{k:key v:string}");
        assertEquals(5, args.size());
        assertEquals(new CommandArg("key", "key", null, false, false, List.of()), args.get(0));
        CommandArg cond = args.get(1);
        assertEquals("oneof", cond.type());
        assertTrue(cond.optional());
        assertEquals(List.of(new CommandArg("nx", "pure-token", "NX", false, false, List.of()),
                new CommandArg("xx", "pure-token", "XX", false, false, List.of())), cond.subargs());
        assertEquals(new CommandArg("get", "pure-token", "GET", true, false, List.of()), args.get(2));
        assertEquals(new CommandArg("seconds", "integer", "EX", false, false, List.of()),
                args.get(3).subargs().get(0));
        CommandArg data = args.get(4);
        assertEquals("block", data.type());
        assertTrue(data.optional() && data.multiple());
        assertEquals(2, data.subargs().size());
    }
}
