package io.redraft.command;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A number for every command and subcommand of the standard table, so a user's allowed commands
 * are a bitmap; plus the sets ACL rules name: a category's commands, a command with its
 * subcommands. Built once from {@link CommandTable#standard()}, identical on every node.
 */
final class AclCommandIds {
    private static final AclCommandIds STANDARD = new AclCommandIds(CommandTable.standard());

    private final IdentityHashMap<CommandSpec, Integer> ids = new IdentityHashMap<>();
    private final List<CommandSpec> specs = new ArrayList<>();
    private final Map<AclCategory, BitSet> categories = new EnumMap<>(AclCategory.class);
    private final CommandTable table;

    private AclCommandIds(CommandTable table) {
        this.table = table;
        for (AclCategory c : AclCategory.values()) {
            categories.put(c, new BitSet());
        }
        for (CommandSpec spec : table.all()) {
            add(spec);
            CommandTable sub = table.subcommands(spec);
            if (sub != null) {
                for (CommandSpec s : sub.all()) {
                    add(s);
                }
            }
        }
    }

    private void add(CommandSpec spec) {
        if (ids.containsKey(spec)) {
            return;
        }
        int id = specs.size();
        ids.put(spec, id);
        specs.add(spec);
        CommandInfo info = table.info(spec);
        for (AclCategory c : AclCategory.effective(info.acl(), spec.flags())) {
            categories.get(c).set(id);
        }
    }

    static AclCommandIds standard() {
        return STANDARD;
    }

    CommandTable table() {
        return table;
    }

    int size() {
        return specs.size();
    }

    /** The id of a row of the standard table, or -1 for a command from elsewhere. */
    int id(CommandSpec spec) {
        Integer id = ids.get(spec);
        return id == null ? -1 : id;
    }

    BitSet inCategory(AclCategory category) {
        return categories.get(category);
    }

    /** "get", "client" (with all its subcommands) or "client|list"; null when unknown. */
    BitSet commandAndSubcommands(String name) {
        CommandSpec spec = table.lookupFullName(name);
        if (spec == null) {
            return null;
        }
        BitSet set = new BitSet();
        set.set(id(spec));
        CommandTable sub = name.indexOf('|') < 0 ? table.subcommands(spec) : null;
        if (sub != null) {
            for (CommandSpec s : sub.all()) {
                set.set(id(s));
            }
        }
        return set;
    }

    static AclCategory category(String name) {
        for (AclCategory c : AclCategory.values()) {
            if (c.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        return null;
    }

    /** Names of the commands in a category, full names for subcommands (ACL CAT category). */
    List<String> names(AclCategory category) {
        List<String> out = new ArrayList<>();
        BitSet set = categories.get(category);
        for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
            out.add(specs.get(i).name());
        }
        return out;
    }
}
