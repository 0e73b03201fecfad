package io.redraft.command;

import java.util.List;
import java.util.Set;

/**
 * The descriptive metadata of one command beyond its {@link CommandSpec}: what COMMAND INFO and
 * COMMAND DOCS report besides name, arity, flags and legacy key positions.
 *
 * @param acl        declared ACL categories (flag-implied ones are added by {@link AclCategory#effective})
 * @param docFlags   "deprecated", "syscmd"
 * @param subcommands for container commands (CLIENT, COMMAND), their table; otherwise null
 */
public record CommandInfo(String group, String since, String summary, String complexity, Set<AclCategory> acl,
                          List<String> tips, List<KeySpec> keySpecs, List<CommandArg> args, List<String> docFlags,
                          String deprecatedSince, String replacedBy, CommandTable subcommands) {

    static final CommandInfo EMPTY = new CommandInfo("generic", "0.0.0", "", null, Set.of(), List.of(), List.of(),
            List.of(), List.of(), null, null, null);
}
