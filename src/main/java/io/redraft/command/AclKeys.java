package io.redraft.command;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Where a request's keys are and how it uses them, for ACL key checks: from the table's key
 * specs (Redis's access flag means read; insert, delete and update mean write), from the
 * "numkeys" argument of commands with movable keys, else from the legacy first/last/step
 * positions. Precomputed per command; extraction allocates only the result.
 */
final class AclKeys {
    /** One range of key arguments: argv positions {@code first..last} (negative last counts from the end). */
    private record Range(int first, int last, int step, int needs, boolean numkeys, boolean readOnlyWithGet) {
    }

    /** A key argument and the permissions it needs ({@link AclUser#READ}, {@link AclUser#WRITE}, 0 = any). */
    record KeyUse(int argIndex, int needs) {
    }

    private static final IdentityHashMap<CommandSpec, List<Range>> RANGES = build(AclCommandIds.standard());

    private AclKeys() {
    }

    private static IdentityHashMap<CommandSpec, List<Range>> build(AclCommandIds ids) {
        IdentityHashMap<CommandSpec, List<Range>> map = new IdentityHashMap<>();
        CommandTable table = ids.table();
        for (CommandSpec spec : table.all()) {
            map.put(spec, ranges(table, spec));
            CommandTable sub = table.subcommands(spec);
            if (sub != null) {
                for (CommandSpec s : sub.all()) {
                    map.put(s, ranges(table, s));
                }
            }
        }
        return map;
    }

    private static List<Range> ranges(CommandTable table, CommandSpec spec) {
        CommandInfo info = table.info(spec);
        List<Range> out = new ArrayList<>();
        boolean hasSpecs = !info.keySpecs().isEmpty();
        for (KeySpec k : info.keySpecs()) {
            if (k.flags().contains("not_key")) {
                continue;
            }
            int last = k.lastKey() >= 0 ? k.index() + k.lastKey() : k.lastKey();
            // variable_flags (SET): as Redis's setGetKeys, the key is read only when GET is given
            out.add(new Range(k.index(), last, Math.max(1, k.keyStep()), needs(k.flags()), false,
                    k.flags().contains("variable_flags")));
        }
        if (spec.flags().contains(CommandFlag.MOVABLEKEYS)) {
            int position = numkeysPosition(info.args());
            if (position > 0) {
                // Sources of a *STORE command are read; the keys of a pop or a script are read and written.
                int needs = spec.isWrite() && !hasSpecs ? AclUser.READ | AclUser.WRITE : AclUser.READ;
                out.add(new Range(position, 0, 1, needs, true, false));
            }
        } else if (!hasSpecs && spec.firstKey() > 0) {
            int needs = spec.isWrite() ? AclUser.READ | AclUser.WRITE : AclUser.READ;
            out.add(new Range(spec.firstKey(), spec.lastKey(), Math.max(1, spec.step()), needs, false, false));
        }
        return List.copyOf(out);
    }

    /** The argv position of a top-level "numkeys" argument preceded only by plain arguments, or -1. */
    private static int numkeysPosition(List<CommandArg> args) {
        for (int i = 0; i < args.size(); i++) {
            CommandArg a = args.get(i);
            if (a.name().equals("numkeys")) {
                return i + 1;
            }
            if (a.optional() || a.multiple() || a.token() != null) {
                return -1;
            }
        }
        return -1;
    }

    private static int needs(List<String> flags) {
        int needs = 0;
        for (String f : flags) {
            switch (f.toLowerCase(java.util.Locale.ROOT)) {
                case "access" -> needs |= AclUser.READ;
                case "insert", "delete", "update" -> needs |= AclUser.WRITE;
                default -> {
                }
            }
        }
        return needs;
    }

    private static boolean hasGet(byte[][] argv) {
        for (int i = 3; i < argv.length; i++) {
            if (Args.is(argv[i], "get")) {
                return true;
            }
        }
        return false;
    }

    /** The keys of a request for {@code spec} (a subcommand's own row when it has one). */
    static List<KeyUse> of(CommandSpec spec, byte[][] argv) {
        List<Range> ranges = RANGES.get(spec);
        if (ranges == null || ranges.isEmpty()) {
            return List.of();
        }
        List<KeyUse> keys = new ArrayList<>(4);
        for (Range r : ranges) {
            int first = r.first;
            int last;
            if (r.numkeys) {
                Long n = r.first < argv.length ? Args.toLong(argv[r.first]) : null;
                if (n == null || n <= 0) {
                    continue;
                }
                first = r.first + 1;
                last = (int) Math.min(argv.length - 1L, r.first + n);
            } else {
                last = r.last >= 0 ? r.last : argv.length + r.last;
            }
            int needs = r.readOnlyWithGet && !hasGet(argv) ? r.needs & ~AclUser.READ : r.needs;
            for (int i = first; i <= last && i < argv.length; i += r.step) {
                keys.add(new KeyUse(i, needs));
            }
        }
        return keys;
    }
}
