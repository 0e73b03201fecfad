package io.redraft.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConnectionCommandsTest {
    final TestSession s = new TestSession(42);

    @Test
    void pingAndEcho() {
        assertEquals("+PONG", s.run("PING"));
        assertEquals("\"hi\"", s.run("ping", "hi"));
        assertEquals("-ERR wrong number of arguments for 'ping' command", s.run("PING", "a", "b"));
        assertEquals("\"x y\"", s.run("ECHO", "x y"));
        assertEquals("-ERR wrong number of arguments for 'echo' command", s.run("ECHO"));
    }

    static final String HELLO3 = "{\"server\"=\"redis\", \"version\"=\"7.2.0\", \"proto\"=:3, \"id\"=:42, "
            + "\"mode\"=\"standalone\", \"role\"=\"master\", \"modules\"=[]}";

    @Test
    void hello() {
        assertEquals(HELLO3.replace(":3", ":2"), s.run("HELLO"));
        assertEquals(HELLO3, s.run("HELLO", "3"));
        assertEquals(3, s.protocol);
        assertEquals(HELLO3.replace(":3", ":2"), s.run("hello", "2"));
        assertEquals(2, s.protocol);
        assertEquals("-NOPROTO unsupported protocol version", s.run("HELLO", "4"));
        assertEquals("-NOPROTO unsupported protocol version", s.run("HELLO", "1"));
        assertEquals("-ERR Protocol version is not an integer or out of range", s.run("HELLO", "three"));
        assertEquals(2, s.protocol);
    }

    @Test
    void helloOptions() {
        assertEquals(HELLO3, s.run("HELLO", "3", "SETNAME", "myconn"));
        assertEquals("myconn", s.name);
        assertEquals(HELLO3, s.run("HELLO", "3", "AUTH", "default", "anything", "setname", "n2"));
        assertEquals("n2", s.name);
        s.protocol = 2;
        assertEquals("-WRONGPASS invalid username-password pair or user is disabled.",
                s.run("HELLO", "3", "AUTH", "alice", "pw", "SETNAME", "n3"));
        assertEquals(2, s.protocol, "a failed HELLO changes nothing");
        assertEquals("n2", s.name);
        assertEquals("-ERR Syntax error in HELLO option 'AUTH'", s.run("HELLO", "3", "AUTH", "default"));
        assertEquals("-ERR Syntax error in HELLO option 'bogus'", s.run("HELLO", "3", "bogus"));
        assertEquals("-ERR Client names cannot contain spaces, newlines or special characters.",
                s.run("HELLO", "3", "SETNAME", "a b"));
        assertEquals(2, s.protocol);
    }

    @Test
    void auth() {
        assertEquals("-ERR AUTH <password> called without any password configured for the default user. "
                + "Are you sure your configuration is correct?", s.run("AUTH", "secret"));
        assertEquals("+OK", s.run("AUTH", "default", "secret"));
        assertEquals("-WRONGPASS invalid username-password pair or user is disabled.", s.run("AUTH", "bob", "x"));
        assertEquals("-ERR syntax error", s.run("AUTH", "a", "b", "c"));
    }

    @Test
    void select() {
        assertEquals("+OK", s.run("SELECT", "15"));
        assertEquals(15, s.db);
        assertEquals("-ERR DB index is out of range", s.run("SELECT", "16"));
        assertEquals("-ERR DB index is out of range", s.run("SELECT", "-1"));
        assertEquals("-ERR value is not an integer or out of range", s.run("SELECT", "one"));
        assertEquals("-ERR value is not an integer or out of range", s.run("SELECT", "01"));
        assertEquals("-ERR value is out of range, value must between -2147483648 and 2147483647",
                s.run("SELECT", "2147483648"));
        assertEquals(15, s.db);
        assertEquals("+OK", s.run("select", "0"));
        assertEquals(0, s.db);
    }

    @Test
    void clientNameAndId() {
        assertEquals(":42", s.run("CLIENT", "ID"));
        assertEquals("(nil)", s.run("CLIENT", "GETNAME"));
        assertEquals("+OK", s.run("CLIENT", "SETNAME", "conn-1"));
        assertEquals("\"conn-1\"", s.run("client", "getname"));
        assertEquals("-ERR Client names cannot contain spaces, newlines or special characters.",
                s.run("CLIENT", "SETNAME", "has space"));
        assertEquals("-ERR Client names cannot contain spaces, newlines or special characters.",
                s.run("CLIENT", "SETNAME", "naïve"));
        assertEquals("\"conn-1\"", s.run("CLIENT", "GETNAME"));
        assertEquals("+OK", s.run("CLIENT", "SETNAME", ""));
        assertEquals("(nil)", s.run("CLIENT", "GETNAME"));
        assertEquals("-ERR wrong number of arguments for 'client|id' command", s.run("CLIENT", "ID", "x"));
        assertEquals("-ERR unknown subcommand 'kill-all'. Try CLIENT HELP.", s.run("CLIENT", "kill-all"));
    }

    @Test
    void clientSetinfo() {
        assertEquals("+OK", s.run("CLIENT", "SETINFO", "LIB-NAME", "jedis"));
        assertEquals("+OK", s.run("CLIENT", "SETINFO", "lib-ver", "5.2.0"));
        assertEquals("jedis", s.libName);
        assertEquals("5.2.0", s.libVer);
        assertEquals("-ERR Unrecognized option 'LIB-X'", s.run("CLIENT", "SETINFO", "LIB-X", "1"));
        assertEquals("-ERR LIB-NAME cannot contain spaces, newlines or special characters.",
                s.run("CLIENT", "SETINFO", "LIB-NAME", "a b"));
        assertEquals("-ERR wrong number of arguments for 'client|setinfo' command",
                s.run("CLIENT", "SETINFO", "LIB-NAME"));
    }

    @Test
    void clientInfoAndList() {
        s.name = "me";
        s.libName = "lettuce";
        s.db = 2;
        String info = s.run("CLIENT", "INFO");
        assertTrue(info.startsWith("=txt:id=42 addr=127.0.0.1:50000 laddr= fd=-1 name=me age=0 idle=0 flags=N db=2 "),
                info);
        assertTrue(info.endsWith(" cmd=client|info user=default redir=-1 resp=2 lib-name=lettuce lib-ver=\n"), info);
        String list = s.run("CLIENT", "LIST");
        assertTrue(list.startsWith("=txt:id=42 ") && list.contains(" cmd=client|list ") && list.endsWith("\n"));
        assertEquals(list, s.run("CLIENT", "LIST", "TYPE", "normal"));
        assertEquals("=txt:", s.run("CLIENT", "LIST", "TYPE", "pubsub"));
        assertEquals(list, s.run("CLIENT", "LIST", "ID", "1", "42"));
        assertEquals("=txt:", s.run("CLIENT", "LIST", "ID", "1"));
        assertEquals("-ERR Unknown client type 'weird'", s.run("CLIENT", "LIST", "TYPE", "weird"));
        assertEquals("-ERR Invalid client ID", s.run("CLIENT", "LIST", "ID", "x"));
        assertEquals("-ERR syntax error", s.run("CLIENT", "LIST", "bogus"));
        s.stale = true;
        assertTrue(s.run("CLIENT", "INFO").contains(" flags=r "));
    }

    @Test
    void clientNoEvictNoTouch() {
        assertEquals("+OK", s.run("CLIENT", "NO-EVICT", "on"));
        assertEquals("+OK", s.run("CLIENT", "no-touch", "OFF"));
        assertEquals("-ERR syntax error", s.run("CLIENT", "NO-TOUCH", "maybe"));
    }

    @Test
    void clientHelp() {
        String help = s.run("CLIENT", "HELP");
        assertTrue(help.startsWith("[+CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:, +GETNAME"),
                help);
        assertTrue(help.endsWith("+HELP, +    Prints this help.]"), help);
    }

    @Test
    void quitResetReadonly() {
        assertEquals("+OK", s.run("READONLY"));
        assertTrue(s.stale);
        assertEquals("+OK", s.run("READWRITE"));
        assertFalse(s.stale);
        s.stale = true;
        s.db = 5;
        s.protocol = 3;
        s.name = "x";
        assertEquals("+RESET", s.run("RESET"));
        assertEquals(0, s.db);
        assertEquals(2, s.protocol);
        assertNull(s.name);
        assertFalse(s.stale);
        assertFalse(s.closing);
        assertEquals("+OK", s.run("QUIT"));
        assertTrue(s.closing);
    }

    @Test
    void clusterCommandsDelegate() {
        assertEquals("+bootstrap n1 127.0.0.1:9000", s.run("BOOTSTRAP", "n1", "127.0.0.1:9000"));
        assertEquals("+join n2 127.0.0.1:9001", s.run("join", "n2", "127.0.0.1:9001"));
        assertEquals("+remove n2", s.run("REMOVE", "n2"));
        assertEquals("+leader", s.run("LEADER"));
        assertEquals("+nodes", s.run("NODES"));
        assertEquals("+snapshot", s.run("SNAPSHOT"));
        assertEquals("-ERR wrong number of arguments for 'join' command", s.run("JOIN", "n3"));
        assertEquals(6, s.node.calls.size());
    }
}
