package io.redraft.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redraft.store.AclTable;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AclUserTest {
    private static final CommandTable TABLE = CommandTable.standard();

    private static AclUser user(String... rules) {
        AclUser u = new AclUser("u");
        for (String r : rules) {
            assertNull(u.apply(r), r);
        }
        return u;
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String denial(AclUser u, String... argv) {
        byte[][] req = Replies.argv(argv);
        CommandSpec spec = TABLE.lookupCommand(req, 0);
        Acl.Denial d = Acl.denial(u, spec, req);
        return d == null ? null : d.message(u, spec, true);
    }

    @Test
    void newUserIsOffWithNothingAndDescribesAsRedis7() {
        AclUser u = new AclUser("bob");
        assertEquals("off resetchannels -@all", u.describeRules());
        assertEquals("User bob has no permissions to run the 'get' command", denial(u, "GET", "k"));
    }

    @Test
    void rulesDescribeCanonicallyAndRoundTrip() {
        AclUser u = user("on", ">pw", "~foo*", "%R~ro:*", "%W~wo:*", "&news", "+@string", "-get", "+client|list");
        String text = u.describeRules();
        assertEquals("on #" + AclUser.sha256("pw") + " ~foo* %R~ro:* %W~wo:* resetchannels &news -@all +@string "
                + "-get +client|list", text);
        assertEquals(text, AclUser.parse("u", text).describeRules());
        assertEquals(AclTable.DEFAULT_RULES, AclUser.parse("default", AclTable.DEFAULT_RULES).describeRules());
        // +@all and -@all start over; a repeated rule moves to the end
        assertEquals("+@all -get", user("-get", "+@all", "-get").describeCommands());
        assertEquals("-@all -get +get", user("+get", "-get", "+get").describeCommands());
    }

    @Test
    void refusedRulesGiveRedisReasons() {
        AclUser u = new AclUser("u");
        assertEquals("Syntax error", u.apply("bogus"));
        assertEquals("Unknown command or category name in ACL", u.apply("+nosuch"));
        assertEquals("Unknown command or category name in ACL", u.apply("+@nosuch"));
        assertEquals("The password hash must be exactly 64 characters and contain only lowercase hexadecimal "
                + "characters", u.apply("#abc"));
        assertEquals("The password you are trying to remove from the user does not exist", u.apply("<nope"));
        assertNull(u.apply("allkeys"));
        assertTrue(u.apply("~x").startsWith("Adding a pattern after the * pattern (or the 'allkeys' flag)"));
        assertNull(u.apply("allchannels"));
        assertTrue(u.apply("&x").startsWith("Adding a pattern after the * pattern (or the 'allchannels' flag)"));
    }

    @Test
    void passwords() {
        AclUser u = user("on", ">a", ">b", "<a");
        assertFalse(u.checkPassword(b("a")));
        assertTrue(u.checkPassword(b("b")));
        assertNull(u.apply("#" + AclUser.sha256("c")));
        assertTrue(u.checkPassword(b("c")));
        assertNull(u.apply("nopass"));
        assertTrue(u.checkPassword(b("anything")));
        assertNull(u.apply("resetpass"));
        assertFalse(u.checkPassword(b("anything")));
        // SHA-256 of "foobar", as Redis's ACL GETUSER shows it
        assertEquals("c3ab8ff13720e8ad9047dd39466b3c8974e592c2fa383d4a3960714caef0c4f2", AclUser.sha256("foobar"));
    }

    @Test
    void commandsByNameCategoryAndSubcommand() {
        AclUser u = user("+@read", "+client|id", "allkeys");
        assertNull(denial(u, "GET", "k"));
        assertNull(denial(u, "HGETALL", "k"));
        assertEquals("User u has no permissions to run the 'set' command", denial(u, "SET", "k", "v"));
        assertNull(denial(u, "CLIENT", "ID"));
        assertEquals("User u has no permissions to run the 'client|list' command", denial(u, "CLIENT", "LIST"));
        assertNull(denial(user("+client"), "CLIENT", "LIST"));
        assertEquals("User u has no permissions to run the 'client|list' command",
                denial(user("+client", "-client|list"), "CLIENT", "LIST"));
        // no-auth commands are always allowed
        assertNull(denial(new AclUser("x"), "AUTH", "p"));
    }

    @Test
    void keysNeedReadOrWritePatternsByKeySpecFlags() {
        AclUser u = user("+@all", "%R~r*", "%W~w*", "~rw*");
        assertNull(denial(u, "GET", "r1"));
        assertEquals("No permissions to access the 'w1' key", denial(u, "GET", "w1"));
        assertNull(denial(u, "SET", "w1", "v")); // SET reads its key only with GET
        assertEquals("No permissions to access the 'w1' key", denial(u, "SET", "w1", "v", "GET"));
        assertEquals("No permissions to access the 'r1' key", denial(u, "SET", "r1", "v"));
        assertNull(denial(u, "STRLEN", "w1")); // RO without access: any pattern will do
        assertEquals("No permissions to access the 'x' key", denial(u, "MGET", "r1", "x"));
        assertNull(denial(u, "MSET", "w1", "v", "rw2", "v"));
        // movable keys: numkeys
        assertEquals("No permissions to access the 'x' key", denial(u, "ZUNION", "2", "r1", "x"));
        assertNull(denial(u, "ZUNIONSTORE", "w1", "2", "r1", "rw"));
        assertEquals("No permissions to access the 'r1' key", denial(u, "LMPOP", "1", "r1", "LEFT"));
        assertEquals("No permissions to access the 'r9' key", denial(u, "EVAL", "return 1", "1", "r9"));
        assertNull(denial(u, "EVAL", "return 1", "0", "r9"));
    }

    @Test
    void channelsMatchAsGlobsAndPatternsLiterally() {
        AclUser u = user("+@all", "&news.*");
        assertNull(denial(u, "PUBLISH", "news.a", "m"));
        assertEquals("No permissions to access the 'sport' channel", denial(u, "PUBLISH", "sport", "m"));
        assertEquals("No permissions to access the 'x' channel", denial(u, "SUBSCRIBE", "news.a", "x"));
        assertNull(denial(u, "PSUBSCRIBE", "news.*"));
        assertEquals("No permissions to access the 'news.a*' channel", denial(u, "PSUBSCRIBE", "news.a*"));
        assertEquals("No permissions to access the 'sport' channel", denial(u, "SPUBLISH", "sport", "m"));
        assertNull(denial(u, "UNSUBSCRIBE", "x"));
    }
}
