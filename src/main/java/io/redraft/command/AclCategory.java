package io.redraft.command;

import java.util.EnumSet;
import java.util.Set;

/** Redis 7 ACL categories, in the order COMMAND INFO reports them. */
public enum AclCategory {
    KEYSPACE, READ, WRITE, SET, SORTEDSET, LIST, HASH, STRING, BITMAP, HYPERLOGLOG, GEO, STREAM, PUBSUB,
    ADMIN, FAST, SLOW, BLOCKING, DANGEROUS, CONNECTION, TRANSACTION, SCRIPTING;

    public String redisName() {
        return "@" + name().toLowerCase();
    }

    /**
     * A command's full category set: its declared categories plus those its flags imply, as
     * Redis's setImplicitACLCategories computes them.
     */
    public static Set<AclCategory> effective(Set<AclCategory> declared, Set<CommandFlag> flags) {
        EnumSet<AclCategory> all = declared.isEmpty() ? EnumSet.noneOf(AclCategory.class) : EnumSet.copyOf(declared);
        if (flags.contains(CommandFlag.WRITE)) {
            all.add(WRITE);
        }
        if (flags.contains(CommandFlag.READONLY) && !all.contains(SCRIPTING)) {
            all.add(READ);
        }
        if (flags.contains(CommandFlag.ADMIN)) {
            all.add(ADMIN);
            all.add(DANGEROUS);
        }
        if (flags.contains(CommandFlag.PUBSUB)) {
            all.add(PUBSUB);
        }
        if (flags.contains(CommandFlag.FAST)) {
            all.add(FAST);
        }
        if (flags.contains(CommandFlag.BLOCKING)) {
            all.add(BLOCKING);
        }
        if (!all.contains(FAST)) {
            all.add(SLOW);
        }
        return all;
    }
}
