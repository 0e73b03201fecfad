package io.redraft.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redraft.resp.Reply;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerCommandsTest {
    final TestSession s = new TestSession(1);
    final CommandTable table = CommandTable.standard();

    @Test
    void commandInfoShapeForGet() {
        assertEquals("[[\"get\", :2, ~[+readonly, +fast], :1, :1, :1, ~[+@read, +@string, +@fast], ~[], "
                + "~[{\"flags\"=~[+RO, +access], \"begin_search\"={\"type\"=\"index\", \"spec\"={\"index\"=:1}}, "
                + "\"find_keys\"={\"type\"=\"range\", \"spec\"={\"lastkey\"=:0, \"keystep\"=:1, \"limit\"=:0}}}], ~[]]]",
                s.run("COMMAND", "INFO", "get"));
    }

    @Test
    void commandInfoForOthers() {
        assertEquals("[(nil)]", s.run("COMMAND", "INFO", "nosuch"));
        String mset = s.run("COMMAND", "INFO", "MSET");
        assertTrue(mset.startsWith("[[\"mset\", :-3, ~[+write, +denyoom], :1, :-1, :2, ~[+@write, +@string, +@slow], "
                + "~[\"request_policy:multi_shard\", \"response_policy:all_succeeded\"], "
                + "~[{\"flags\"=~[+OW, +update], "), mset);
        String set = s.run("COMMAND", "INFO", "set");
        assertTrue(set.contains("{\"notes\"=\"RW and ACCESS due to the optional `GET` argument\", "
                + "\"flags\"=~[+RW, +access, +update, +variable_flags]"), set);
        String client = s.run("COMMAND", "INFO", "client");
        assertTrue(client.startsWith("[[\"client\", :-2, ~[], :0, :0, :0, ~[+@slow], ~[], ~[], [[\"client|getname\", :2, "
                + "~[+noscript, +loading, +stale], :0, :0, :0, ~[+@slow, +@connection], ~[], ~[], ~[]], "), client);
        assertEquals("[[\"client|setname\", :3, ~[+noscript, +loading, +stale], :0, :0, :0, "
                + "~[+@slow, +@connection], ~[], ~[], ~[]]]", s.run("COMMAND", "INFO", "client|setname"));
    }

    @Test
    void commandWithoutArgumentsListsEverything() {
        Reply all = ServerCommands.command(s, Replies.argv("COMMAND")).toCompletableFuture().join();
        List<Reply> items = ((Reply.Array) all).items();
        assertEquals(table.size(), items.size());
        assertEquals(":" + table.size(), s.run("COMMAND", "COUNT"));
        Reply info = ServerCommands.command(s, Replies.argv("COMMAND", "INFO")).toCompletableFuture().join();
        assertEquals(Replies.show(all), Replies.show(info));
        for (Reply item : items) {
            assertEquals(10, ((Reply.Array) item).items().size());
        }
    }

    @Test
    void commandDocs() {
        String docs = s.run("COMMAND", "DOCS", "get", "nosuch");
        assertEquals("{\"get\"={\"summary\"=\"Returns the string value of a key.\", \"since\"=\"1.0.0\", "
                + "\"group\"=\"string\", \"complexity\"=\"O(1)\", \"arguments\"=[{\"name\"=\"key\", \"type\"=\"key\", "
                + "\"display_text\"=\"key\", \"key_spec_index\"=:0}]}}", docs);
        String set = s.run("COMMAND", "DOCS", "SET");
        assertTrue(set.contains("{\"name\"=\"condition\", \"type\"=\"oneof\", \"flags\"=~[+optional], "
                + "\"arguments\"=[{\"name\"=\"nx\", \"type\"=\"pure-token\", \"display_text\"=\"nx\", \"token\"=\"NX\"}, "),
                set);
        assertTrue(set.contains("{\"name\"=\"seconds\", \"type\"=\"integer\", \"display_text\"=\"seconds\", "
                + "\"token\"=\"EX\"}"), set);
        String getset = s.run("COMMAND", "DOCS", "getset");
        assertTrue(getset.contains("\"doc_flags\"=~[+deprecated], \"deprecated_since\"=\"6.2.0\""), getset);
        String client = s.run("COMMAND", "DOCS", "client");
        assertTrue(client.contains("\"subcommands\"={\"client|getname\"={\"summary\"="), client);
        Reply all = ServerCommands.command(s, Replies.argv("COMMAND", "DOCS")).toCompletableFuture().join();
        assertEquals(2 * table.size(), ((Reply.MapReply) all).keysAndValues().size());
    }

    @Test
    void commandList() {
        String list = s.run("COMMAND", "LIST");
        assertTrue(list.contains("\"get\"") && list.contains("\"client|setinfo\"") && list.contains("\"delete\""));
        assertEquals("[\"get\", \"getset\", \"getdel\", \"getex\", \"getrange\"]",
                s.run("COMMAND", "LIST", "FILTERBY", "PATTERN", "GET*"));
        assertEquals("[\"client|getname\", \"client|setname\"]",
                s.run("COMMAND", "LIST", "FILTERBY", "pattern", "client|?etname"));
        String conn = s.run("COMMAND", "LIST", "FILTERBY", "ACLCAT", "connection");
        assertTrue(conn.contains("\"ping\"") && !conn.contains("\"get\""), conn);
        assertEquals("[]", s.run("COMMAND", "LIST", "FILTERBY", "ACLCAT", "nosuchcat"));
        assertEquals("[]", s.run("COMMAND", "LIST", "FILTERBY", "MODULE", "json"));
        assertEquals("-ERR syntax error", s.run("COMMAND", "LIST", "FILTERBY", "color", "red"));
        assertEquals("-ERR syntax error", s.run("COMMAND", "LIST", "FILTERBY", "pattern"));
    }

    @Test
    void commandGetkeys() {
        assertEquals("[\"a\", \"c\"]", s.run("COMMAND", "GETKEYS", "MSET", "a", "b", "c", "d"));
        assertEquals("[\"k\"]", s.run("COMMAND", "GETKEYS", "set", "k", "v", "EX", "10"));
        assertEquals("[\"a\", \"b\"]", s.run("COMMAND", "GETKEYS", "del", "a", "b"));
        assertEquals("-ERR Invalid command specified", s.run("COMMAND", "GETKEYS", "nosuch", "a"));
        assertEquals("-ERR The command has no key arguments", s.run("COMMAND", "GETKEYS", "ping", "a"));
        assertEquals("-ERR The command has no key arguments", s.run("COMMAND", "GETKEYS", "client", "setname", "x"));
        assertEquals("-ERR Invalid command specified", s.run("COMMAND", "GETKEYS", "client", "bogus"));
        assertEquals("-ERR Invalid number of arguments specified for command",
                s.run("COMMAND", "GETKEYS", "get", "a", "b"));
        assertEquals("-ERR Invalid number of arguments specified for command", s.run("COMMAND", "GETKEYS", "get"));
        assertEquals("-ERR wrong number of arguments for 'command|getkeys' command", s.run("COMMAND", "GETKEYS"));
    }

    @Test
    void commandHelp() {
        String help = s.run("COMMAND", "HELP");
        assertTrue(help.startsWith("[+COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:, "
                + "+(no subcommand), "), help);
    }

    @Test
    void info() {
        assertEquals("=txt:# default\r\nx:1\r\n", s.run("INFO"));
        assertEquals("=txt:# server\r\nx:1\r\n\r\n# raft\r\nx:1\r\n", s.run("INFO", "Server", "raft", "SERVER"));
    }

    @Test
    void time() {
        Reply reply = ServerCommands.time(s, Replies.argv("TIME")).toCompletableFuture().join();
        List<Reply> parts = ((Reply.Array) reply).items();
        long seconds = Long.parseLong(Replies.show(parts.get(0)).replace("\"", ""));
        long micros = Long.parseLong(Replies.show(parts.get(1)).replace("\"", ""));
        assertTrue(Math.abs(seconds - System.currentTimeMillis() / 1000) < 5);
        assertTrue(micros >= 0 && micros < 1_000_000);
    }

    @Test
    void shutdownParsesRedisOptionsAndAsksTheNode() {
        assertEquals("-ERR syntax error", s.run("SHUTDOWN", "SAVE", "NOSAVE"));
        assertEquals("-ERR syntax error", s.run("SHUTDOWN", "ABORT", "NOW"));
        assertEquals("-ERR syntax error", s.run("SHUTDOWN", "later"));
        assertEquals("-ERR No shutdown in progress.", s.run("SHUTDOWN", "abort"));
        assertEquals(List.of(), s.node.calls);
        s.run("SHUTDOWN", "NOW", "save");
        s.run("SHUTDOWN");
        assertEquals(List.of("shutdown save", "shutdown nosave"), s.node.calls);
    }
}
