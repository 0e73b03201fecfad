package io.redraft.command;

import static io.redraft.command.Replies.argv;
import static io.redraft.command.Replies.show;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** ACL commands and the checks at the dispatch point, on one in-memory node. */
class AclCommandsTest {
    final TestSession.TestNode node = new TestSession.TestNode();
    final CommandExecutor executor = new CommandExecutor(CommandTable.standard(), node.data);

    AclCommandsTest() {
        node.acl = new Acl(() -> node.data.store.acl(), null);
    }

    TestSession connect() {
        TestSession s = new TestSession(1, node);
        s.authenticated = !node.acl.authRequired();
        return s;
    }

    String run(TestSession s, String... args) {
        return show(executor.execute(s, argv(args)).toCompletableFuture().join());
    }

    @Test
    void withoutPasswordEveryoneIsTheDefaultUser() {
        TestSession s = connect();
        assertEquals("+PONG", run(s, "PING"));
        assertEquals("\"default\"", run(s, "ACL", "WHOAMI"));
        assertEquals("-ERR AUTH <password> called without any password configured for the default user. "
                + "Are you sure your configuration is correct?", run(s, "AUTH", "x"));
        assertEquals("[\"user default on nopass sanitize-payload ~* &* +@all\"]", run(s, "ACL", "LIST"));
    }

    @Test
    void requirepassMakesClientsAuthenticate() {
        TestSession admin = connect();
        assertEquals("+OK", run(admin, "CONFIG", "SET", "requirepass", "secret"));
        TestSession s = connect();
        assertEquals("-NOAUTH Authentication required.", run(s, "GET", "k"));
        assertEquals("-NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO "
                + "<proto> AUTH <user> <pass> option can be used to authenticate the client and select the RESP "
                + "protocol version at the same time", run(s, "HELLO", "3"));
        assertEquals("-WRONGPASS invalid username-password pair or user is disabled.", run(s, "AUTH", "nope"));
        assertEquals("+OK", run(s, "AUTH", "secret"));
        assertEquals("(nil)", run(s, "GET", "k"));
        assertEquals("+RESET", run(s, "RESET"));
        assertEquals("-NOAUTH Authentication required.", run(s, "GET", "k"));
        assertTrue(run(s, "HELLO", "3", "AUTH", "default", "secret").startsWith("{\"server\"=\"redis\""));
        assertEquals("+OK", run(admin, "CONFIG", "SET", "requirepass", ""));
        assertEquals("(nil)", run(connect(), "GET", "k"));
        // the failed AUTH is in ACL LOG
        assertTrue(run(admin, "ACL", "LOG").contains("\"reason\"=\"auth\""));
        assertEquals("+OK", run(admin, "ACL", "LOG", "RESET"));
        assertEquals("[]", run(admin, "ACL", "LOG"));
    }

    @Test
    void usersAreCheckedForCommandsKeysAndChannels() {
        TestSession admin = connect();
        assertEquals("+OK", run(admin, "ACL", "SETUSER", "alice", "on", ">pw", "~app:*", "&chat", "+@read",
                "+set", "+multi", "+exec", "+publish"));
        assertEquals("{\"flags\"=[\"on\"], \"passwords\"=[\"" + AclUser.sha256("pw") + "\"], "
                + "\"commands\"=\"-@all +@read +set +multi +exec +publish\", \"keys\"=\"~app:*\", "
                + "\"channels\"=\"&chat\", \"selectors\"=[]}", run(admin, "ACL", "GETUSER", "alice"));
        assertEquals("(nil)", run(admin, "ACL", "GETUSER", "nobody"));
        TestSession s = connect();
        assertEquals("-WRONGPASS invalid username-password pair or user is disabled.",
                run(s, "AUTH", "alice", "bad"));
        assertEquals("+OK", run(s, "AUTH", "alice", "pw"));
        assertEquals("-NOPERM User alice has no permissions to run the 'acl|whoami' command", run(s, "ACL", "WHOAMI"));
        assertEquals("+OK", run(s, "SET", "app:1", "v"));
        assertEquals("\"v\"", run(s, "GET", "app:1"));
        assertEquals("-NOPERM No permissions to access a key", run(s, "GET", "other"));
        assertEquals("-NOPERM User alice has no permissions to run the 'del' command", run(s, "DEL", "app:1"));
        assertEquals("-NOPERM No permissions to access a channel", run(s, "PUBLISH", "news", "m"));
        assertEquals("+OK", run(s, "MULTI"));
        assertEquals("-NOPERM No permissions to access a key", run(s, "SET", "other", "v"));
        assertEquals("-EXECABORT Transaction discarded because of previous errors.", run(s, "EXEC"));
        assertEquals("+OK", run(admin, "ACL", "DRYRUN", "alice", "GET", "app:2"));
        assertEquals("\"No permissions to access the 'x' key\"", run(admin, "ACL", "DRYRUN", "alice", "GET", "x"));
        assertEquals("\"User alice has no permissions to run the 'del' command\"",
                run(admin, "ACL", "DRYRUN", "alice", "DEL", "app:1"));
        assertEquals("-ERR User 'bob' not found", run(admin, "ACL", "DRYRUN", "bob", "GET", "x"));
        assertTrue(run(admin, "ACL", "LOG", "1").contains("\"reason\"=\"key\", \"context\"=\"multi\""));
        // a change applies to the connected user at once
        assertEquals("+OK", run(admin, "ACL", "SETUSER", "alice", "+del"));
        assertEquals(":1", run(s, "DEL", "app:1"));
        assertEquals("[\"alice\", \"default\"]", run(admin, "ACL", "USERS"));
        assertEquals("-ERR The 'default' user cannot be removed", run(admin, "ACL", "DELUSER", "default"));
        assertEquals(":1", run(admin, "ACL", "DELUSER", "alice", "nobody"));
        assertEquals("-ERR the user of this connection was deleted", run(s, "GET", "app:1"));
        assertTrue(s.closing);
    }

    @Test
    void scriptsRunWithTheCallersPermissions() {
        TestSession admin = connect();
        assertEquals("+OK", run(admin, "ACL", "SETUSER", "sam", "on", "nopass", "~s:*", "+eval", "+get", "+set", "+multi", "+exec"));
        TestSession s = connect();
        assertEquals("+OK", run(s, "AUTH", "sam", "x"));
        assertEquals("+OK", run(s, "EVAL", "return redis.call('SET', KEYS[1], 'v')", "1", "s:1"));
        assertEquals("-NOPERM No permissions to access a key", run(s, "EVAL", "return 1", "1", "other"));
        assertEquals("-ERR ACL failure in script: No permissions to access a key script: "
                + "4a1a0c7a0dc1f6bbd1d9b5cbd94fda3e1fa1b3e0, on @user_script:1.",
                run(s, "EVAL", "return redis.call('GET', 'other')", "0").replaceAll("script: [0-9a-f]{40}",
                        "script: 4a1a0c7a0dc1f6bbd1d9b5cbd94fda3e1fa1b3e0"));
        assertTrue(run(s, "EVAL", "return redis.call('DEL', 's:1')", "0")
                .startsWith("-ERR ACL failure in script: User sam has no permissions to run the 'del' command"));
        // inside MULTI too
        assertEquals("+OK", run(s, "MULTI"));
        assertEquals("+QUEUED", run(s, "EVAL", "return redis.call('GET', 'other')", "0"));
        assertTrue(run(s, "EXEC").startsWith("[-ERR ACL failure in script: No permissions to access a key"));
        // the default user is unrestricted: its scripts are not checked
        assertEquals(":1", run(admin, "EVAL", "return redis.call('DEL', 's:1')", "0"));
    }

    @Test
    void subscribersLosingAChannelAndDeletedUsersMustBeDisconnected() {
        TestSession admin = connect();
        assertEquals("+OK", run(admin, "ACL", "SETUSER", "sub", "on", "nopass", "&news.*", "+@all"));
        TestSession s = connect();
        assertEquals("+OK", run(s, "AUTH", "sub", "x"));
        run(s, "SUBSCRIBE", "news.a");
        run(s, "PSUBSCRIBE", "news.*");
        assertEquals(false, node.acl.mustDisconnect(s));
        assertEquals("+OK", run(admin, "ACL", "SETUSER", "sub", "resetchannels", "&news.a"));
        assertEquals(true, node.acl.mustDisconnect(s), "the pattern news.* is no longer allowed");
        assertEquals("+OK", run(admin, "ACL", "SETUSER", "sub", "&news.*"));
        assertEquals(false, node.acl.mustDisconnect(s));
        assertEquals(":1", run(admin, "ACL", "DELUSER", "sub"));
        assertEquals(true, node.acl.mustDisconnect(s));
        assertEquals(false, node.acl.mustDisconnect(admin));
    }

    @Test
    void setuserErrorsAndHelpers() {
        TestSession s = connect();
        assertEquals("-ERR Error in ACL SETUSER modifier 'bogus': Syntax error",
                run(s, "ACL", "SETUSER", "x", "on", "bogus"));
        assertEquals("(nil)", run(s, "ACL", "GETUSER", "x")); // nothing applied
        assertEquals("-ERR Error in ACL SETUSER modifier '+nosuch': Unknown command or category name in ACL",
                run(s, "ACL", "SETUSER", "x", "+nosuch"));
        assertEquals("-ERR Unknown category 'nosuch'", run(s, "ACL", "CAT", "nosuch"));
        assertTrue(run(s, "ACL", "CAT").startsWith("[\"keyspace\", \"read\", \"write\""));
        assertTrue(run(s, "ACL", "CAT", "connection").contains("\"auth\""));
        assertEquals(66, run(s, "ACL", "GENPASS").length());
        assertEquals(7, run(s, "ACL", "GENPASS", "17").length()); // 5 hex digits and the quotes
        assertEquals("-ERR unknown subcommand 'NOPE'. Try ACL HELP.", run(s, "ACL", "NOPE"));
    }
}
