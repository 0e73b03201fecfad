package io.redraft.command;

import static io.redraft.command.AclCategory.CONNECTION;
import static io.redraft.command.Args.SYNTAX_ERROR;
import static io.redraft.command.Args.is;
import static io.redraft.command.CommandFlag.ADMIN;
import static io.redraft.command.CommandFlag.LOADING;
import static io.redraft.command.CommandFlag.NOSCRIPT;
import static io.redraft.command.CommandFlag.STALE;
import static io.redraft.command.Containers.done;

import io.redraft.resp.Reply;
import io.redraft.store.Store;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Connection commands: they run on the connection and change only its {@link Session}. */
public final class ConnectionCommands {
    public static final String SERVER_NAME = "redis";
    /** The Redis version Redraft reports; clients pick features by it. */
    public static final String REDIS_VERSION = "7.2.0";

    private static final String BAD_NAME = "Client names cannot contain spaces, newlines or special characters.";
    private static final Reply WRONGPASS = Acl.WRONGPASS;

    private ConnectionCommands() {
    }

    public static CompletionStage<Reply> ping(Session session, byte[][] argv) {
        if (argv.length > 2) {
            return done(CommandExecutor.wrongArity("ping"));
        }
        if (session.protocol() == 2 && session.subscriptions().active()) {
            // Subscribed RESP2 connections can only read arrays: Redis answers [pong, message].
            return done(Reply.array(Reply.bulk("pong"), argv.length == 1 ? Reply.bulk("") : Reply.bulk(argv[1])));
        }
        return done(argv.length == 1 ? Reply.PONG : Reply.bulk(argv[1]));
    }

    public static CompletionStage<Reply> echo(Session session, byte[][] argv) {
        return done(Reply.bulk(argv[1]));
    }

    /**
     * HELLO [protover [AUTH user pass] [SETNAME name]]: AUTH logs in as {@link #auth} does;
     * without it the connection must be authenticated already.
     */
    public static CompletionStage<Reply> hello(Session session, byte[][] argv) {
        long version = 0;
        int next = 1;
        if (argv.length >= 2) {
            Long v = Args.toLong(argv[next++]);
            if (v == null) {
                return done(Reply.error("ERR Protocol version is not an integer or out of range"));
            }
            if (v < 2 || v > 3) {
                return done(Reply.error("NOPROTO unsupported protocol version"));
            }
            version = v;
        }
        byte[] user = null;
        byte[] password = null;
        byte[] name = null;
        for (int j = next; j < argv.length; j++) {
            int more = argv.length - 1 - j;
            if (is(argv[j], "auth") && more >= 2) {
                user = argv[j + 1];
                password = argv[j + 2];
                j += 2;
            } else if (is(argv[j], "setname") && more >= 1) {
                name = argv[j + 1];
                if (!validName(name)) {
                    return done(Reply.error("ERR " + BAD_NAME));
                }
                j++;
            } else {
                return done(Reply.error("ERR Syntax error in HELLO option '" + Args.str(argv[j]) + "'"));
            }
        }
        if (user == null) {
            return done(helloReply(session, version, name));
        }
        final long proto = version;
        final byte[] newName = name;
        return login(session, argv, user, password)
                .thenApply(ok -> ok ? helloReply(session, proto, newName) : WRONGPASS);
    }

    private static Reply helloReply(Session session, long version, byte[] name) {
        Acl acl = session.node() == null ? null : session.node().acl();
        if (acl != null && acl.authRequired() && !session.authenticated()) {
            return Reply.error("NOAUTH HELLO must be called with the client already authenticated, otherwise "
                    + "the HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and "
                    + "select the RESP protocol version at the same time");
        }
        if (name != null) {
            session.setName(name.length == 0 ? null : Args.str(name));
        }
        if (version != 0) {
            session.setProtocol((int) version);
        }
        List<Reply> map = new ArrayList<>(14);
        map.add(Reply.bulk("server"));
        map.add(Reply.bulk(SERVER_NAME));
        map.add(Reply.bulk("version"));
        map.add(Reply.bulk(REDIS_VERSION));
        map.add(Reply.bulk("proto"));
        map.add(Reply.integer(session.protocol()));
        map.add(Reply.bulk("id"));
        map.add(Reply.integer(session.id()));
        map.add(Reply.bulk("mode"));
        map.add(Reply.bulk("standalone"));
        map.add(Reply.bulk("role"));
        map.add(Reply.bulk("master"));
        map.add(Reply.bulk("modules"));
        map.add(Reply.EMPTY_ARRAY);
        return new Reply.MapReply(map);
    }

    /** AUTH [user] pass: the connection runs as that user from now on. */
    public static CompletionStage<Reply> auth(Session session, byte[][] argv) {
        if (argv.length > 3) {
            return done(SYNTAX_ERROR);
        }
        Acl acl = session.node() == null ? null : session.node().acl();
        if (argv.length == 2 && (acl == null || !acl.authRequired())) {
            return done(Reply.error("ERR AUTH <password> called without any password configured for the "
                    + "default user. Are you sure your configuration is correct?"));
        }
        byte[] user = argv.length == 2 ? "default".getBytes(java.nio.charset.StandardCharsets.UTF_8) : argv[1];
        return login(session, argv, user, argv[argv.length - 1]).thenApply(ok -> ok ? Reply.OK : WRONGPASS);
    }

    /**
     * Logs the session in; without an ACL (tests) the default user takes any password, as with no
     * password set. A refusal is final only after a read barrier: this node's users table may not
     * yet have an ACL SETUSER the cluster already committed (a client that created a user through
     * the leader and logs in here at once must not get WRONGPASS).
     */
    private static CompletionStage<Boolean> login(Session session, byte[][] argv, byte[] user, byte[] password) {
        Acl acl = session.node() == null ? null : session.node().acl();
        if (acl == null) {
            return java.util.concurrent.CompletableFuture.completedFuture(isDefaultUser(user));
        }
        String name = Args.str(user);
        if (acl.tryLogin(session, name, password)) {
            return java.util.concurrent.CompletableFuture.completedFuture(true);
        }
        return session.node().replicated().read(session.db(), argv, (ctx, args) -> Reply.OK, false)
                .handle((barrier, error) -> acl.authenticate(session, name, password));
    }

    public static CompletionStage<Reply> select(Session session, byte[][] argv) {
        Long id = Args.toLong(argv[1]);
        if (id == null) {
            return done(Args.NOT_INTEGER);
        }
        if (id < Integer.MIN_VALUE || id > Integer.MAX_VALUE) {
            return done(Reply.error("ERR value is out of range, value must between " + Integer.MIN_VALUE
                    + " and " + Integer.MAX_VALUE));
        }
        if (id < 0 || id >= Store.DATABASES) {
            return done(Reply.error("ERR DB index is out of range"));
        }
        session.setDb(id.intValue());
        return done(Reply.OK);
    }

    public static CompletionStage<Reply> quit(Session session, byte[][] argv) {
        session.closeAfterReply();
        return done(Reply.OK);
    }

    /** RESET: back to a fresh connection's state (db 0, RESP2, no name, linearizable reads, no subscriptions). */
    public static CompletionStage<Reply> reset(Session session, byte[][] argv) {
        session.setDb(0);
        session.setProtocol(2);
        session.setName(null);
        session.setStaleReads(false);
        session.setTransaction(null);
        session.watches().clear();
        session.subscriptions().clear();
        // As Redis's clientSetDefaultAuth: back to the default user, logged in only if it needs no password.
        Acl acl = session.node() == null ? null : session.node().acl();
        session.setUser("default");
        session.setAuthenticated(acl == null || acl.loginWithoutAuth());
        return done(Reply.status("RESET"));
    }

    /** READONLY: this connection's reads are served locally and may be stale. */
    public static CompletionStage<Reply> readonly(Session session, byte[][] argv) {
        session.setStaleReads(true);
        return done(Reply.OK);
    }

    public static CompletionStage<Reply> readwrite(Session session, byte[][] argv) {
        session.setStaleReads(false);
        return done(Reply.OK);
    }

    // ---------------------------------------------------------------- CLIENT

    /** CLIENT's subcommands. */
    public static final CommandTable CLIENT = clientTable();

    private static CommandTable clientTable() {
        CommandTable.Builder t = new CommandTable.Builder();
        EnumSet<CommandFlag> plain = EnumSet.of(NOSCRIPT, LOADING, STALE);
        t.local("client|getname", 2, plain, 0, 0, 0, ConnectionCommands::clientGetname)
                .doc("connection", "2.6.9", "Returns the name of the connection.").acl(CONNECTION);
        t.local("client|help", 2, EnumSet.of(LOADING, STALE), 0, 0, 0, ConnectionCommands::clientHelp)
                .doc("connection", "5.0.0", "Returns helpful text about the different subcommands.").acl(CONNECTION);
        t.local("client|id", 2, plain, 0, 0, 0, ConnectionCommands::clientId)
                .doc("connection", "5.0.0", "Returns the unique client ID of the connection.").acl(CONNECTION);
        t.local("client|info", 2, plain, 0, 0, 0, ConnectionCommands::clientInfo)
                .doc("connection", "6.2.0", "Returns information about the connection.").acl(CONNECTION)
                .tips("nondeterministic_output");
        t.local("client|kill", -3, EnumSet.of(ADMIN, NOSCRIPT, LOADING, STALE), 0, 0, 0,
                        ConnectionCommands::clientKill)
                .doc("connection", "2.4.0", "Terminates open connections.")
                .complexity("O(N) where N is the number of client connections").acl(CONNECTION)
                .args("filter:(old-format:string|+new-format:(ID=client-id:integer"
                        + "|TYPE=client-type:(normal|master|slave|replica|pubsub)|USER=username:string"
                        + "|ADDR=addr:string|LADDR=laddr:string|SKIPME=skipme:(YES|NO)|MAXAGE=maxage:integer))");
        t.local("client|list", -2, EnumSet.of(ADMIN, NOSCRIPT, LOADING, STALE), 0, 0, 0,
                        ConnectionCommands::clientList)
                .doc("connection", "2.4.0", "Lists open connections.")
                .complexity("O(N) where N is the number of client connections").acl(CONNECTION)
                .tips("nondeterministic_output")
                .args("?TYPE=client-type:(normal|master|replica|pubsub) ?+ID=client-id:integer");
        t.local("client|no-evict", 3, EnumSet.of(ADMIN, NOSCRIPT, LOADING, STALE), 0, 0, 0,
                        (session, argv) -> clientOnOff(session, argv, session::setNoEvict))
                .doc("connection", "7.0.0", "Sets the client eviction mode of the connection.").acl(CONNECTION)
                .args("enabled:(ON|OFF)");
        t.local("client|no-touch", 3, plain, 0, 0, 0,
                        (session, argv) -> clientOnOff(session, argv, session::setNoTouch))
                .doc("connection", "7.2.0",
                        "Controls whether commands sent by the client affect the LRU/LFU of accessed keys.")
                .acl(CONNECTION).args("enabled:(ON|OFF)");
        t.local("client|pause", -3, EnumSet.of(ADMIN, NOSCRIPT, LOADING, STALE), 0, 0, 0,
                        ConnectionCommands::clientPause)
                .doc("connection", "3.0.0", "Suspends commands processing.").acl(CONNECTION)
                .args("timeout:integer ?mode:(WRITE|ALL)");
        t.local("client|unpause", 2, EnumSet.of(ADMIN, NOSCRIPT, LOADING, STALE), 0, 0, 0,
                        ConnectionCommands::clientUnpause)
                .doc("connection", "6.2.0", "Resumes processing commands from paused clients.")
                .complexity("O(N) Where N is the number of paused clients").acl(CONNECTION);
        t.local("client|setinfo", 4, plain, 0, 0, 0, ConnectionCommands::clientSetinfo)
                .doc("connection", "7.2.0", "Sets information specific to the client or connection.")
                .acl(CONNECTION).args("attr:(lib-name=libname:string|lib-ver=libver:string)");
        t.local("client|setname", 3, plain, 0, 0, 0, ConnectionCommands::clientSetname)
                .doc("connection", "2.6.9", "Sets the connection name.").acl(CONNECTION)
                .args("connection-name:string");
        t.local("client|unblock", -3, EnumSet.of(ADMIN, NOSCRIPT, LOADING, STALE), 0, 0, 0,
                        ConnectionCommands::clientUnblock)
                .doc("connection", "5.0.0",
                        "Unblocks a client blocked by a blocking command from a different connection.")
                .complexity("O(log N) where N is the number of client connections").acl(CONNECTION)
                .args("client-id:integer ?unblock-type:(TIMEOUT|ERROR)");
        return t.build();
    }

    public static CompletionStage<Reply> client(Session session, byte[][] argv) {
        return Containers.dispatch(CLIENT, session, argv);
    }

    static CompletionStage<Reply> clientId(Session session, byte[][] argv) {
        return done(Reply.integer(session.id()));
    }

    static CompletionStage<Reply> clientGetname(Session session, byte[][] argv) {
        String name = session.name();
        return done(name == null || name.isEmpty() ? Reply.NULL : Reply.bulk(name));
    }

    static CompletionStage<Reply> clientSetname(Session session, byte[][] argv) {
        if (!validName(argv[2])) {
            return done(Reply.error("ERR " + BAD_NAME));
        }
        session.setName(argv[2].length == 0 ? null : Args.str(argv[2]));
        return done(Reply.OK);
    }

    static CompletionStage<Reply> clientSetinfo(Session session, byte[][] argv) {
        boolean libName = is(argv[2], "lib-name");
        if (!libName && !is(argv[2], "lib-ver")) {
            return done(Reply.error("ERR Unrecognized option '" + Args.str(argv[2]) + "'"));
        }
        if (!validName(argv[3])) {
            return done(Reply.error("ERR " + Args.str(argv[2])
                    + " cannot contain spaces, newlines or special characters."));
        }
        String value = argv[3].length == 0 ? null : Args.str(argv[3]);
        if (libName) {
            session.setLibName(value);
        } else {
            session.setLibVer(value);
        }
        return done(Reply.OK);
    }

    static CompletionStage<Reply> clientKill(Session session, byte[][] argv) {
        return ClientKill.run(session, argv);
    }

    /** CLIENT PAUSE timeout [WRITE|ALL]: postpones this node's commands (see {@link ClientPause}). */
    static CompletionStage<Reply> clientPause(Session session, byte[][] argv) {
        Long timeout = Args.toLong(argv[2]);
        if (timeout == null) {
            return done(Reply.error("ERR timeout is not an integer or out of range"));
        }
        if (timeout < 0) {
            return done(Reply.error("ERR timeout is negative"));
        }
        boolean all = true;
        if (argv.length == 4) {
            if (is(argv[3], "write")) {
                all = false;
            } else if (!is(argv[3], "all")) {
                return done(Reply.error("ERR CLIENT PAUSE mode must be WRITE or ALL"));
            }
        } else if (argv.length > 4) {
            return done(SYNTAX_ERROR);
        }
        ClientPause pause = session.node() == null ? null : session.node().clientPause();
        if (pause == null) {
            return done(Reply.error("ERR CLIENT PAUSE is not available on this node"));
        }
        pause.pause(timeout, all);
        return done(Reply.OK);
    }

    static CompletionStage<Reply> clientUnpause(Session session, byte[][] argv) {
        ClientPause pause = session.node() == null ? null : session.node().clientPause();
        if (pause != null) {
            pause.unpause();
        }
        return done(Reply.OK);
    }

    static CompletionStage<Reply> clientInfo(Session session, byte[][] argv) {
        return done(verbatim(clientInfoLine(session, "client|info") + "\n"));
    }

    /** CLIENT LIST [TYPE type] [ID id...]: this node's connections. */
    static CompletionStage<Reply> clientList(Session session, byte[][] argv) {
        String type = null;
        java.util.Set<Long> ids = null;
        if (argv.length == 4 && is(argv[2], "type")) {
            type = Args.str(argv[3]).toLowerCase(java.util.Locale.ROOT);
            if (type.equals("slave") || type.equals("replica")) {
                type = "master"; // Redraft has none: Raft replicates, not Redis replication
            } else if (!type.equals("normal") && !type.equals("pubsub") && !type.equals("master")) {
                return done(Reply.error("ERR Unknown client type '" + Args.str(argv[3]) + "'"));
            }
        } else if (argv.length > 3 && is(argv[2], "id")) {
            ids = new java.util.HashSet<>();
            for (int j = 3; j < argv.length; j++) {
                Long id = Args.toLong(argv[j]);
                if (id == null || id < 1) {
                    return done(Reply.error("ERR Invalid client ID"));
                }
                ids.add(id);
            }
        } else if (argv.length != 2) {
            return done(SYNTAX_ERROR);
        }
        StringBuilder out = new StringBuilder();
        for (Session c : ClientKill.clients(session)) {
            if ((ids == null || ids.contains(c.id())) && (type == null || type.equals(clientType(c)))) {
                out.append(clientInfoLine(c, "client|list")).append('\n');
            }
        }
        return done(verbatim(out.toString()));
    }

    /** CLIENT LIST / KILL's TYPE of a connection: "pubsub" while subscribed, else "normal". */
    static String clientType(Session s) {
        return s.subscriptions().active() ? "pubsub" : "normal";
    }

    /** CLIENT NO-EVICT / NO-TOUCH on|off: recorded and shown in CLIENT LIST's flags (e, T). */
    static CompletionStage<Reply> clientOnOff(Session session, byte[][] argv, java.util.function.Consumer<Boolean> set) {
        if (is(argv[2], "on")) {
            set.accept(true);
        } else if (is(argv[2], "off")) {
            set.accept(false);
        } else {
            return done(SYNTAX_ERROR);
        }
        return done(Reply.OK);
    }

    /** CLIENT UNBLOCK id [TIMEOUT|ERROR]: 1 when that client was blocked on this node, else 0. */
    static CompletionStage<Reply> clientUnblock(Session session, byte[][] argv) {
        if (argv.length > 4) {
            return done(Reply.error("ERR unknown subcommand or wrong number of arguments for '"
                    + Args.str(argv[1]) + "'. Try CLIENT HELP."));
        }
        Long id = Args.toLong(argv[2]);
        if (id == null) {
            return done(Args.NOT_INTEGER);
        }
        boolean withError = false;
        if (argv.length == 4) {
            withError = is(argv[3], "error");
            if (!withError && !is(argv[3], "timeout")) {
                return done(Reply.error("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR"));
            }
        }
        return done(session.node().blockedClients().unblock(id, withError) ? Reply.ONE : Reply.ZERO);
    }

    static CompletionStage<Reply> clientHelp(Session session, byte[][] argv) {
        return done(Containers.help(argv[0],
                "GETNAME",
                "    Return the name of the current connection.",
                "KILL <ip:port>",
                "    Kill connection made from <ip:port>.",
                "KILL <option> <value> [<option> <value> [...]]",
                "    Kill connections. Options are:",
                "    * ADDR (<ip:port>|<unixsocket>:0)",
                "      Kill connections made from the specified address",
                "    * LADDR (<ip:port>|<unixsocket>:0)",
                "      Kill connections made to specified local address",
                "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
                "      Kill connections by type.",
                "    * USER <username>",
                "      Kill connections authenticated by <username>.",
                "    * SKIPME (YES|NO)",
                "      Skip killing current connection (default: yes).",
                "    * ID <client-id>",
                "      Kill connections by client id.",
                "    * MAXAGE <maxage>",
                "      Kill connections older than the specified age.",
                "ID",
                "    Return the ID of the current connection.",
                "INFO",
                "    Return information about the current client connection.",
                "LIST [options ...]",
                "    Return information about client connections. Options:",
                "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
                "      Return clients of specified type.",
                "    * ID <client-id> [<client-id> ...]",
                "      Return clients of specified IDs only.",
                "UNPAUSE",
                "    Stop the current client pause, resuming traffic.",
                "PAUSE <timeout> [WRITE|ALL]",
                "    Suspend all, or just write, clients for <timeout> milliseconds.",
                "SETNAME <name>",
                "    Assign the name <name> to the current connection.",
                "SETINFO <option> <value>",
                "    Set client meta attr. Options are:",
                "    * LIB-NAME: the client lib name.",
                "    * LIB-VER: the client lib version.",
                "UNBLOCK <clientid> [TIMEOUT|ERROR]",
                "    Unblock the specified blocked client.",
                "NO-EVICT (ON|OFF)",
                "    Protect current client connection from eviction.",
                "NO-TOUCH (ON|OFF)",
                "    Will not touch LRU/LFU stats when this mode is on."));
    }

    /** One line of CLIENT LIST / CLIENT INFO in Redis 7.2's field order. */
    static String clientInfoLine(Session s, String cmd) {
        String name = s.name() == null ? "" : s.name();
        String libName = s.libName() == null ? "" : s.libName();
        String libVer = s.libVer() == null ? "" : s.libVer();
        long now = System.currentTimeMillis();
        Transaction tx = s.transaction();
        String last = s.lastCommand() != null ? s.lastCommand() : cmd;
        return "id=" + s.id() + " addr=" + s.remoteAddress() + " laddr=" + s.localAddress() + " fd=-1 name=" + name
                + " age=" + Math.max(0, (now - s.createdAtMillis()) / 1000)
                + " idle=" + Math.max(0, (now - s.lastCommandAtMillis()) / 1000) + " flags=" + clientFlags(s)
                + " db=" + s.db()
                + " sub=" + s.subscriptions().channels().size() + " psub=" + s.subscriptions().patterns().size()
                + " ssub=" + s.subscriptions().shardCount() + " multi=" + (tx == null ? -1 : tx.queued().size())
                + " qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=0 rbp=0"
                + " obl=0 oll=0 omem=0 tot-mem=0 events=r cmd=" + last + " user=" + s.user() + " redir=-1 resp="
                + s.protocol() + " lib-name=" + libName + " lib-ver=" + libVer;
    }

    /** Redis's flag letters in its order: P subscribed, r READONLY, N none. */
    /** CLIENT LIST's flags, in Redis's order (catClientInfoString); N when none. */
    private static String clientFlags(Session s) {
        StringBuilder flags = new StringBuilder();
        if (s.subscriptions().active()) {
            flags.append('P');
        }
        if (s.transaction() != null) {
            flags.append('x');
        }
        if (s.staleReads()) {
            flags.append('r');
        }
        if (s.noEvict()) {
            flags.append('e');
        }
        if (s.noTouch()) {
            flags.append('T');
        }
        return flags.length() == 0 ? "N" : flags.toString();
    }

    /** User names are case-sensitive; only "default" exists. */
    private static boolean isDefaultUser(byte[] user) {
        return java.util.Arrays.equals(user, Args.bytes("default"));
    }

    /** Redis's validateClientName: printable ASCII without spaces ('!'..'~'); empty is allowed. */
    static boolean validName(byte[] name) {
        for (byte b : name) {
            if (b < '!' || b > '~') {
                return false;
            }
        }
        return true;
    }

    static Reply verbatim(String text) {
        return new Reply.Verbatim("txt", Args.bytes(text));
    }
}
