package io.redraft.command;

import static io.redraft.command.AclCategory.SLOW;
import static io.redraft.command.CommandFlag.ADMIN;
import static io.redraft.command.CommandFlag.LOADING;
import static io.redraft.command.CommandFlag.NOSCRIPT;
import static io.redraft.command.CommandFlag.STALE;
import static io.redraft.command.Containers.done;

import io.redraft.resp.Reply;
import io.redraft.store.AclTable;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * ACL and its subcommands. SETUSER and DELUSER are logged writes: every replica applies the
 * rules to its {@link AclTable}, so every node enforces the same users. GETUSER, LIST and USERS
 * read the table after the read barrier; the rest run on the connection.
 */
public final class AclCommands {
    private static final SecureRandom RANDOM = new SecureRandom();

    private AclCommands() {
    }

    /** ACL's subcommands. */
    public static final CommandTable ACL = aclTable();

    private static CommandTable aclTable() {
        CommandTable.Builder t = new CommandTable.Builder();
        EnumSet<CommandFlag> admin = EnumSet.of(ADMIN, NOSCRIPT, LOADING, STALE);
        EnumSet<CommandFlag> plain = EnumSet.of(NOSCRIPT, LOADING, STALE);
        t.write("acl|setuser", -3, admin, 0, 0, 0, AclCommands::setuser)
                .doc("server", "6.0.0", "Creates and modifies an ACL user and its rules.")
                .complexity("O(N). Where N is the number of rules provided.").acl(SLOW)
                .args("username:string ?+rule:string");
        t.write("acl|deluser", -3, admin, 0, 0, 0, AclCommands::deluser)
                .doc("server", "6.0.0", "Deletes ACL users, and terminates their connections.")
                .complexity("O(1) amortized time considering the typical user.").acl(SLOW)
                .args("+username:string");
        t.read("acl|getuser", 3, admin, 0, 0, 0, AclCommands::getuser)
                .doc("server", "6.0.0", "Lists the ACL rules of a user.")
                .complexity("O(N). Where N is the number of password, command and pattern rules that the user has.")
                .acl(SLOW).args("username:string");
        t.read("acl|list", 2, admin, 0, 0, 0, AclCommands::list)
                .doc("server", "6.0.0", "Dumps the effective rules in ACL file format.")
                .complexity("O(N). Where N is the number of configured users.").acl(SLOW);
        t.read("acl|users", 2, admin, 0, 0, 0, AclCommands::users)
                .doc("server", "6.0.0", "Lists all ACL users.")
                .complexity("O(N). Where N is the number of configured users.").acl(SLOW);
        t.local("acl|whoami", 2, plain, 0, 0, 0, AclCommands::whoami)
                .doc("server", "6.0.0", "Returns the authenticated username of the current connection.").acl(SLOW);
        t.local("acl|cat", -2, plain, 0, 0, 0, AclCommands::cat)
                .doc("server", "6.0.0", "Lists the ACL categories, or the commands inside a category.")
                .complexity("O(1) since the categories and commands are a fixed set.").acl(SLOW)
                .args("?category:string");
        t.local("acl|genpass", -2, plain, 0, 0, 0, AclCommands::genpass)
                .doc("server", "6.0.0", "Generates a pseudorandom, secure password that can be used to identify "
                        + "ACL users.").acl(SLOW).args("?bits:integer");
        t.read("acl|dryrun", -4, admin, 0, 0, 0, AclCommands::dryrun)
                .doc("server", "7.0.0", "Simulates the execution of a command by a user, without executing the "
                        + "command.").acl(SLOW).args("username:string command:string ?+arg:string");
        t.local("acl|log", -2, admin, 0, 0, 0, AclCommands::log)
                .doc("server", "6.0.0", "Lists recent security events generated due to ACL rules.")
                .complexity("O(N) with N being the number of entries shown.").acl(SLOW)
                .args("?operation:(count:integer|RESET)");
        t.local("acl|help", 2, EnumSet.of(LOADING, STALE), 0, 0, 0, AclCommands::help)
                .doc("server", "6.0.0", "Returns helpful text about the different subcommands.").acl(SLOW);
        return t.build();
    }

    public static CompletionStage<Reply> acl(Session session, byte[][] argv) {
        return Containers.dispatch(ACL, session, argv);
    }

    // ---------------------------------------------------------------- logged writes

    static Reply setuser(ExecContext ctx, byte[][] argv) {
        String name = Args.str(argv[2]);
        if (name.indexOf(' ') >= 0 || name.indexOf('\0') >= 0) {
            return Reply.error("ERR Usernames can't contain spaces or null characters");
        }
        AclTable table = ctx.store().acl();
        String existing = table.rules(name);
        AclUser user = existing != null ? AclUser.parse(name, existing) : new AclUser(name);
        for (int i = 3; i < argv.length; i++) {
            String rule = new String(argv[i], StandardCharsets.UTF_8);
            String error = user.apply(rule);
            if (error != null) {
                return Reply.error("ERR Error in ACL SETUSER modifier '" + Args.truncated(argv[i], 128) + "': "
                        + error);
            }
        }
        table.put(name, user.describeRules());
        return Reply.OK;
    }

    static Reply deluser(ExecContext ctx, byte[][] argv) {
        AclTable table = ctx.store().acl();
        for (int i = 2; i < argv.length; i++) {
            if (Args.str(argv[i]).equals(AclTable.DEFAULT_USER)) {
                return Reply.error("ERR The 'default' user cannot be removed");
            }
        }
        long removed = 0;
        for (int i = 2; i < argv.length; i++) {
            if (table.remove(Args.str(argv[i]))) {
                removed++;
            }
        }
        return Reply.integer(removed);
    }

    /**
     * A node's requirepass proposed through the log: the default user gets it as its only
     * password, unless the log has configured the default user already (the first proposal wins,
     * and later ACL SETUSER / CONFIG SET requirepass are never overridden by a node's config).
     */
    public static void initDefaultPassword(AclTable table, String sha256) {
        if (!table.defaultConfigured()) {
            AclUser user = AclUser.parse(AclTable.DEFAULT_USER, table.rules(AclTable.DEFAULT_USER));
            user.apply("resetpass");
            user.apply("#" + sha256);
            table.put(AclTable.DEFAULT_USER, user.describeRules());
        }
    }

    // ---------------------------------------------------------------- reads of the table

    static Reply getuser(ExecContext ctx, byte[][] argv) {
        String name = Args.str(argv[2]);
        String rules = ctx.store().acl().rules(name);
        if (rules == null) {
            return Reply.NULL;
        }
        AclUser user = AclUser.parse(name, rules);
        List<Reply> flags = new ArrayList<>();
        for (String f : user.flags()) {
            flags.add(Reply.bulk(f));
        }
        List<Reply> passwords = new ArrayList<>();
        for (String p : user.passwordHashes()) {
            passwords.add(Reply.bulk(p));
        }
        return new Reply.MapReply(List.of(
                Reply.bulk("flags"), Reply.array(flags),
                Reply.bulk("passwords"), Reply.array(passwords),
                Reply.bulk("commands"), Reply.bulk(user.describeCommands()),
                Reply.bulk("keys"), Reply.bulk(user.describeKeys()),
                Reply.bulk("channels"), Reply.bulk(user.describeChannels()),
                Reply.bulk("selectors"), Reply.EMPTY_ARRAY));
    }

    static Reply list(ExecContext ctx, byte[][] argv) {
        List<Reply> out = new ArrayList<>();
        for (Map.Entry<String, String> e : ctx.store().acl().users().entrySet()) {
            out.add(Reply.bulk("user " + e.getKey() + " " + e.getValue()));
        }
        return Reply.array(out);
    }

    static Reply users(ExecContext ctx, byte[][] argv) {
        List<Reply> out = new ArrayList<>();
        for (String name : ctx.store().acl().users().keySet()) {
            out.add(Reply.bulk(name));
        }
        return Reply.array(out);
    }

    /** ACL DRYRUN user command [arg ...]: OK, or why the user may not run it (a bulk string, as Redis). */
    static Reply dryrun(ExecContext ctx, byte[][] argv) {
        String name = Args.str(argv[2]);
        String rules = ctx.store().acl().rules(name);
        if (rules == null) {
            return Reply.error("ERR User '" + name + "' not found");
        }
        byte[][] request = java.util.Arrays.copyOfRange(argv, 3, argv.length);
        CommandTable table = AclCommandIds.standard().table();
        CommandSpec spec = table.lookupCommand(request, 0);
        if (spec == null) {
            return Reply.error("ERR Command '" + Args.str(argv[3]) + "' not found");
        }
        if (!spec.arityOk(request.length)) {
            return CommandExecutor.wrongArity(spec.name());
        }
        AclUser user = AclUser.parse(name, rules);
        Acl.Denial denial = Acl.denial(user, spec, request);
        return denial == null ? Reply.OK : Reply.bulk(denial.message(user, spec, true));
    }

    // ---------------------------------------------------------------- connection commands

    static CompletionStage<Reply> whoami(Session session, byte[][] argv) {
        return done(Reply.bulk(session.user()));
    }

    static CompletionStage<Reply> cat(Session session, byte[][] argv) {
        if (argv.length > 3) {
            return done(CommandExecutor.wrongArity("acl|cat"));
        }
        List<Reply> out = new ArrayList<>();
        if (argv.length == 2) {
            for (AclCategory c : AclCategory.values()) {
                out.add(Reply.bulk(c.name().toLowerCase(Locale.ROOT)));
            }
            return done(Reply.array(out));
        }
        AclCategory category = AclCommandIds.category(Args.str(argv[2]));
        if (category == null) {
            return done(Reply.error("ERR Unknown category '" + Args.truncated(argv[2], 128) + "'"));
        }
        for (String name : AclCommandIds.standard().names(category)) {
            out.add(Reply.bulk(name));
        }
        return done(Reply.array(out));
    }

    static CompletionStage<Reply> genpass(Session session, byte[][] argv) {
        if (argv.length > 3) {
            return done(CommandExecutor.wrongArity("acl|genpass"));
        }
        long bits = 256;
        if (argv.length == 3) {
            Long b = Args.toLong(argv[2]);
            if (b == null || b <= 0 || b > 4096) {
                return done(Reply.error("ERR ACL GENPASS argument must be the number of bits for the output "
                        + "password, a positive number up to 4096"));
            }
            bits = b;
        }
        int chars = (int) ((bits + 3) / 4);
        byte[] random = new byte[(chars + 1) / 2];
        RANDOM.nextBytes(random);
        return done(Reply.bulk(HexFormat.of().formatHex(random).substring(0, chars)));
    }

    static CompletionStage<Reply> log(Session session, byte[][] argv) {
        if (argv.length > 3) {
            return done(CommandExecutor.wrongArity("acl|log"));
        }
        Acl acl = session.node() == null ? null : session.node().acl();
        AclLog log = acl != null ? acl.log() : new AclLog();
        long count = 10;
        if (argv.length == 3) {
            if (Args.is(argv[2], "reset")) {
                log.reset();
                return done(Reply.OK);
            }
            Long n = Args.toLong(argv[2]);
            if (n == null || n < 0) {
                return done(Args.NOT_INTEGER);
            }
            count = n;
        }
        return done(log.reply(count));
    }

    static CompletionStage<Reply> help(Session session, byte[][] argv) {
        return done(Containers.help(argv[0],
                "CAT [<category>]",
                "    List all commands that belong to <category>, or all command categories",
                "    when no category is specified.",
                "DELUSER <username> [<username> ...]",
                "    Delete a list of users.",
                "DRYRUN <username> <command> [<arg> ...]",
                "    Returns whether the user can execute the given command without executing the command.",
                "GETUSER <username>",
                "    Get the user's details.",
                "GENPASS [<bits>]",
                "    Generate a secure 256-bit user password. The optional `bits` argument can",
                "    be used to specify a different size.",
                "LIST",
                "    Show users details in config file format.",
                "LOG [<count> | RESET]",
                "    Show the ACL log entries.",
                "SETUSER <username> <attribute> [<attribute> ...]",
                "    Create or modify a user with the specified attributes.",
                "USERS",
                "    List all the registered usernames.",
                "WHOAMI",
                "    Return the current connection username."));
    }
}
