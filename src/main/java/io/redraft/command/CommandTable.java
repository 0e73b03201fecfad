package io.redraft.command;

import static io.redraft.command.AclCategory.CONNECTION;
import static io.redraft.command.AclCategory.DANGEROUS;
import static io.redraft.command.AclCategory.KEYSPACE;
import static io.redraft.command.AclCategory.STRING;
import static io.redraft.command.CommandFlag.*;

import io.redraft.store.ListValue;
import io.redraft.store.ZSetValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every command Redraft knows, one row each, with Redis 7's metadata. Adding a command means
 * adding a row here and a handler next to its family; nothing else dispatches on names.
 *
 * <p>Container commands (CLIENT, COMMAND) carry a nested table of subcommands whose rows are
 * named {@code container|sub}, as Redis 7 names them; {@link #lookup} finds them by the part
 * after the bar.
 */
public final class CommandTable {
    private final Map<String, CommandSpec> byName;
    private final CommandNameIndex byBytes;
    private final Map<String, CommandInfo> infos;

    private CommandTable(Map<String, CommandSpec> byName, Map<String, CommandInfo> infos) {
        this.byName = Collections.unmodifiableMap(byName);
        this.byBytes = new CommandNameIndex(byName);
        this.infos = Collections.unmodifiableMap(infos);
    }

    /** The table with every built-in command. */
    public static CommandTable standard() {
        return Standard.TABLE;
    }

    private static final class Standard {
        static final CommandTable TABLE = build();

        private static CommandTable build() {
            Builder t = new Builder();
            // name, arity, flags, first key, last key, step, handler; then docs and Redis 7 metadata

            // ---- strings
            String substringComplexity = "O(N) where N is the length of the returned string. The complexity is "
                    + "ultimately determined by the returned length, but because creating a substring from an "
                    + "existing string is very cheap, it can be considered O(1) for small strings.";
            t.read("get", 2, EnumSet.of(READONLY, FAST), 1, 1, 1, StringCommands::get)
                    .doc("string", "1.0.0", "Returns the string value of a key.").acl(STRING)
                    .keys(KeySpec.single("RO", "access")).args("key:key");
            t.write("set", -3, EnumSet.of(WRITE, DENYOOM), 1, 1, 1, StringCommands::set)
                    .doc("string", "1.0.0",
                            "Sets the string value of a key, ignoring its type. The key is created if it doesn't exist.")
                    .acl(STRING)
                    .keys(KeySpec.single("RW", "access", "update", "variable_flags")
                            .withNotes("RW and ACCESS due to the optional `GET` argument"))
                    .args("key:key value:string ?condition:(NX|XX) ?GET ?expiration:(EX=seconds:integer"
                            + "|PX=milliseconds:integer|EXAT=unix-time-seconds:unix-time"
                            + "|PXAT=unix-time-milliseconds:unix-time|KEEPTTL)");
            t.read("mget", -2, EnumSet.of(READONLY, FAST), 1, -1, 1, StringCommands::mget)
                    .doc("string", "1.0.0", "Atomically returns the string values of one or more keys.")
                    .complexity("O(N) where N is the number of keys to retrieve.").acl(STRING)
                    .tips("request_policy:multi_shard").keys(KeySpec.all("RO", "access")).args("+key:key");
            t.write("mset", -3, EnumSet.of(WRITE, DENYOOM), 1, -1, 2, StringCommands::mset)
                    .doc("string", "1.0.1", "Atomically creates or modifies the string values of one or more keys.")
                    .complexity("O(N) where N is the number of keys to set.").acl(STRING)
                    .tips("request_policy:multi_shard", "response_policy:all_succeeded")
                    .keys(KeySpec.of(1, -1, 2, "OW", "update")).args("+data:{key:key value:string}");
            t.write("setnx", 3, EnumSet.of(WRITE, DENYOOM, FAST), 1, 1, 1, StringCommands::setnx)
                    .doc("string", "1.0.0", "Set the string value of a key only when the key doesn't exist.")
                    .acl(STRING).keys(KeySpec.single("OW", "insert")).args("key:key value:string")
                    .deprecated("2.6.12", "`SET` with the `NX` argument");
            t.write("getset", 3, EnumSet.of(WRITE, DENYOOM, FAST), 1, 1, 1, StringCommands::getset)
                    .doc("string", "1.0.0",
                            "Returns the previous string value of a key after setting it to a new value.")
                    .acl(STRING).keys(KeySpec.single("RW", "access", "update")).args("key:key value:string")
                    .deprecated("6.2.0", "`SET` with the `!GET` argument");
            t.write("getdel", 2, EnumSet.of(WRITE, FAST), 1, 1, 1, StringCommands::getdel)
                    .doc("string", "6.2.0", "Returns the string value of a key after deleting the key.")
                    .acl(STRING).keys(KeySpec.single("RW", "access", "delete")).args("key:key");
            t.write("incr", 2, EnumSet.of(WRITE, DENYOOM, FAST), 1, 1, 1, StringCommands::incr)
                    .doc("string", "1.0.0",
                            "Increments the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.")
                    .acl(STRING).keys(KeySpec.single("RW", "access", "update")).args("key:key");
            t.write("decr", 2, EnumSet.of(WRITE, DENYOOM, FAST), 1, 1, 1, StringCommands::decr)
                    .doc("string", "1.0.0",
                            "Decrements the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.")
                    .acl(STRING).keys(KeySpec.single("RW", "access", "update")).args("key:key");
            t.write("incrby", 3, EnumSet.of(WRITE, DENYOOM, FAST), 1, 1, 1, StringCommands::incrby)
                    .doc("string", "1.0.0",
                            "Increments the integer value of a key by a number. Uses 0 as initial value if the key doesn't exist.")
                    .acl(STRING).keys(KeySpec.single("RW", "access", "update")).args("key:key increment:integer");
            t.write("decrby", 3, EnumSet.of(WRITE, DENYOOM, FAST), 1, 1, 1, StringCommands::decrby)
                    .doc("string", "1.0.0",
                            "Decrements a number from the integer value of a key. Uses 0 as initial value if the key doesn't exist.")
                    .acl(STRING).keys(KeySpec.single("RW", "access", "update")).args("key:key decrement:integer");
            t.write("append", 3, EnumSet.of(WRITE, DENYOOM, FAST), 1, 1, 1, StringCommands::append)
                    .doc("string", "2.0.0",
                            "Appends a string to the value of a key. Creates the key if it doesn't exist.")
                    .acl(STRING).keys(KeySpec.single("RW", "insert")).args("key:key value:string");
            t.read("strlen", 2, EnumSet.of(READONLY, FAST), 1, 1, 1, StringCommands::strlen)
                    .doc("string", "2.2.0", "Returns the length of a string value.")
                    .acl(STRING).keys(KeySpec.single("RO")).args("key:key");
            t.write("getex", -2, EnumSet.of(WRITE, FAST), 1, 1, 1, StringCommands::getex)
                    .doc("string", "6.2.0", "Returns the string value of a key after setting its expiration time.")
                    .acl(STRING)
                    .keys(KeySpec.single("RW", "access", "update")
                            .withNotes("RW and UPDATE because it changes the TTL"))
                    .args("key:key ?expiration:(EX=seconds:integer|PX=milliseconds:integer"
                            + "|EXAT=unix-time-seconds:unix-time|PXAT=unix-time-milliseconds:unix-time|PERSIST)");
            t.read("getrange", 4, EnumSet.of(READONLY), 1, 1, 1, StringCommands::getrange)
                    .doc("string", "2.4.0", "Returns a substring of the string stored at a key.")
                    .complexity(substringComplexity).acl(STRING).keys(KeySpec.single("RO", "access"))
                    .args("key:key start:integer end:integer");
            t.read("substr", 4, EnumSet.of(READONLY), 1, 1, 1, StringCommands::getrange)
                    .doc("string", "1.0.0", "Returns a substring from a string value.")
                    .complexity(substringComplexity).acl(STRING).keys(KeySpec.single("RO", "access"))
                    .args("key:key start:integer end:integer").deprecated("2.0.0", "`GETRANGE`");
            t.write("setrange", 4, EnumSet.of(WRITE, DENYOOM), 1, 1, 1, StringCommands::setrange)
                    .doc("string", "2.2.0",
                            "Overwrites a part of a string value with another by an offset. Creates the key if it "
                                    + "doesn't exist.")
                    .complexity("O(1), not counting the time taken to copy the new string in place. Usually, this "
                            + "string is very small so the amortized complexity is O(1). Otherwise, complexity is "
                            + "O(M) with M being the length of the value argument.")
                    .acl(STRING).keys(KeySpec.single("RW", "update")).args("key:key offset:integer value:string");
            t.write("setex", 4, EnumSet.of(WRITE, DENYOOM), 1, 1, 1, StringCommands::setex)
                    .doc("string", "2.0.0",
                            "Sets the string value and expiration time of a key. Creates the key if it doesn't exist.")
                    .acl(STRING).keys(KeySpec.single("OW", "update")).args("key:key seconds:integer value:string")
                    .deprecated("2.6.12", "`SET` with the `EX` argument");
            t.write("psetex", 4, EnumSet.of(WRITE, DENYOOM), 1, 1, 1, StringCommands::psetex)
                    .doc("string", "2.6.0",
                            "Sets both string value and expiration time in milliseconds of a key. The key is created "
                                    + "if it doesn't exist.")
                    .acl(STRING).keys(KeySpec.single("OW", "update"))
                    .args("key:key milliseconds:integer value:string")
                    .deprecated("2.6.12", "`SET` with the `PX` argument");
            t.write("msetnx", -3, EnumSet.of(WRITE, DENYOOM), 1, -1, 2, StringCommands::msetnx)
                    .doc("string", "1.0.1",
                            "Atomically modifies the string values of one or more keys only when all keys don't exist.")
                    .complexity("O(N) where N is the number of keys to set.").acl(STRING)
                    .tips("request_policy:multi_shard", "response_policy:agg_min")
                    .keys(KeySpec.of(1, -1, 2, "OW", "insert")).args("+data:{key:key value:string}");
            t.write("incrbyfloat", 3, EnumSet.of(WRITE, DENYOOM, FAST), 1, 1, 1, StringCommands::incrbyfloat)
                    .doc("string", "2.6.0",
                            "Increment the floating point value of a key by a number. Uses 0 as initial value if the "
                                    + "key doesn't exist.")
                    .acl(STRING).keys(KeySpec.single("RW", "access", "update")).args("key:key increment:double");
            t.read("lcs", -3, EnumSet.of(READONLY), 1, 2, 1, StringCommands::lcs)
                    .doc("string", "7.0.0", "Finds the longest common substring.")
                    .complexity("O(N*M) where N and M are the lengths of s1 and s2, respectively").acl(STRING)
                    .keys(KeySpec.of(1, 1, 1, "RO", "access"))
                    .args("key1:key key2:key ?LEN ?IDX ?MINMATCHLEN=min-match-len:integer ?WITHMATCHLEN");

            // ---- keys
            t.write("del", -2, EnumSet.of(WRITE), 1, -1, 1, KeyCommands::del)
                    .doc("generic", "1.0.0", "Deletes one or more keys.")
                    .complexity("O(N) where N is the number of keys that will be removed. When a key to remove "
                            + "holds a value other than a string, the individual complexity for this key is O(M) "
                            + "where M is the number of elements in the list, set, sorted set or hash. Removing a "
                            + "single key that holds a string value is O(1).")
                    .acl(KEYSPACE).tips("request_policy:multi_shard", "response_policy:agg_sum")
                    .keys(KeySpec.all("RM", "delete")).args("+key:key");
            t.alias("delete", "del");
            t.read("exists", -2, EnumSet.of(READONLY, FAST), 1, -1, 1, KeyCommands::exists)
                    .doc("generic", "1.0.0", "Determines whether one or more keys exist.")
                    .complexity("O(N) where N is the number of keys to check.")
                    .acl(KEYSPACE).tips("request_policy:multi_shard", "response_policy:agg_sum")
                    .keys(KeySpec.all("RO")).args("+key:key");
            t.read("dbsize", 1, EnumSet.of(READONLY, FAST), 0, 0, 0, KeyCommands::dbsize)
                    .doc("server", "1.0.0", "Returns the number of keys in the database.").acl(KEYSPACE)
                    .tips("request_policy:all_shards", "response_policy:agg_sum");
            t.write("flushall", -1, EnumSet.of(WRITE), 0, 0, 0, KeyCommands::flushall)
                    .doc("server", "1.0.0", "Removes all keys from all databases.")
                    .complexity("O(N) where N is the total number of keys in all databases")
                    .acl(KEYSPACE, DANGEROUS).tips("request_policy:all_shards", "response_policy:all_succeeded")
                    .args("?flush-type:(ASYNC|SYNC)");
            t.write("flushdb", -1, EnumSet.of(WRITE), 0, 0, 0, KeyCommands::flushdb)
                    .doc("server", "1.0.0", "Remove all keys from the current database.")
                    .complexity("O(N) where N is the number of keys in the selected database")
                    .acl(KEYSPACE, DANGEROUS).tips("request_policy:all_shards", "response_policy:all_succeeded")
                    .args("?flush-type:(ASYNC|SYNC)");
            t.write("expire", -3, EnumSet.of(WRITE, FAST), 1, 1, 1, KeyCommands::expire)
                    .doc("generic", "1.0.0", "Sets the expiration time of a key in seconds.").acl(KEYSPACE)
                    .keys(KeySpec.single("RW", "update")).args("key:key seconds:integer ?condition:(NX|XX|GT|LT)");
            t.write("pexpire", -3, EnumSet.of(WRITE, FAST), 1, 1, 1, KeyCommands::pexpire)
                    .doc("generic", "2.6.0", "Sets the expiration time of a key in milliseconds.").acl(KEYSPACE)
                    .keys(KeySpec.single("RW", "update"))
                    .args("key:key milliseconds:integer ?condition:(NX|XX|GT|LT)");
            t.write("expireat", -3, EnumSet.of(WRITE, FAST), 1, 1, 1, KeyCommands::expireat)
                    .doc("generic", "1.2.0", "Sets the expiration time of a key to a Unix timestamp.").acl(KEYSPACE)
                    .keys(KeySpec.single("RW", "update"))
                    .args("key:key unix-time-seconds:unix-time ?condition:(NX|XX|GT|LT)");
            t.write("pexpireat", -3, EnumSet.of(WRITE, FAST), 1, 1, 1, KeyCommands::pexpireat)
                    .doc("generic", "2.6.0", "Sets the expiration time of a key to a Unix milliseconds timestamp.")
                    .acl(KEYSPACE).keys(KeySpec.single("RW", "update"))
                    .args("key:key unix-time-milliseconds:unix-time ?condition:(NX|XX|GT|LT)");
            t.read("ttl", 2, EnumSet.of(READONLY, FAST), 1, 1, 1, KeyCommands::ttl)
                    .doc("generic", "1.0.0", "Returns the expiration time in seconds of a key.").acl(KEYSPACE)
                    .tips("nondeterministic_output").keys(KeySpec.single("RO", "access")).args("key:key");
            t.read("pttl", 2, EnumSet.of(READONLY, FAST), 1, 1, 1, KeyCommands::pttl)
                    .doc("generic", "2.6.0", "Returns the expiration time in milliseconds of a key.").acl(KEYSPACE)
                    .tips("nondeterministic_output").keys(KeySpec.single("RO", "access")).args("key:key");
            t.write("persist", 2, EnumSet.of(WRITE, FAST), 1, 1, 1, KeyCommands::persist)
                    .doc("generic", "2.2.0", "Removes the expiration time of a key.").acl(KEYSPACE)
                    .keys(KeySpec.single("RW", "update")).args("key:key");
            t.read("type", 2, EnumSet.of(READONLY, FAST), 1, 1, 1, KeyCommands::type)
                    .doc("generic", "1.0.0", "Determines the type of value stored at a key.").acl(KEYSPACE)
                    .keys(KeySpec.single("RO")).args("key:key");
            t.write("unlink", -2, EnumSet.of(WRITE, FAST), 1, -1, 1, KeyCommands::unlink)
                    .doc("generic", "4.0.0", "Asynchronously deletes one or more keys.")
                    .complexity("O(1) for each key removed regardless of its size. Then the command does O(N) "
                            + "work in a different thread in order to reclaim memory, where N is the number of "
                            + "allocations the deleted objects where composed of.")
                    .acl(KEYSPACE).tips("request_policy:multi_shard", "response_policy:agg_sum")
                    .keys(KeySpec.all("RM", "delete")).args("+key:key");
            t.read("touch", -2, EnumSet.of(READONLY, FAST), 1, -1, 1, KeyCommands::touch)
                    .doc("generic", "3.2.1", "Returns the number of existing keys out of those specified after "
                            + "updating the time they were last accessed.")
                    .complexity("O(N) where N is the number of keys that will be touched.")
                    .acl(KEYSPACE).tips("request_policy:multi_shard", "response_policy:agg_sum")
                    .keys(KeySpec.all("RO")).args("+key:key");
            t.write("rename", 3, EnumSet.of(WRITE), 1, 2, 1, KeyCommands::rename)
                    .doc("generic", "1.0.0", "Renames a key and overwrites the destination.").acl(KEYSPACE)
                    .keys(KeySpec.of(1, 0, 1, "RW", "access", "delete"), KeySpec.of(2, 0, 1, "OW", "update"))
                    .args("key:key newkey:key");
            t.write("renamenx", 3, EnumSet.of(WRITE, FAST), 1, 2, 1, KeyCommands::renamenx)
                    .doc("generic", "1.0.0", "Renames a key only when the target key name doesn't exist.")
                    .acl(KEYSPACE)
                    .keys(KeySpec.of(1, 0, 1, "RW", "access", "delete"), KeySpec.of(2, 0, 1, "OW", "insert"))
                    .args("key:key newkey:key");
            t.write("copy", -3, EnumSet.of(WRITE, DENYOOM), 1, 2, 1, KeyCommands::copy)
                    .doc("generic", "6.2.0", "Copies the value of a key to a new key.")
                    .complexity("O(N) worst case for collections, where N is the number of nested items. O(1) for "
                            + "string values.")
                    .acl(KEYSPACE)
                    .keys(KeySpec.of(1, 0, 1, "RO", "access"), KeySpec.of(2, 0, 1, "OW", "update"))
                    .args("source:key destination:key ?DB=destination-db:integer ?REPLACE");
            t.read("keys", 2, EnumSet.of(READONLY), 0, 0, 0, KeyCommands::keys)
                    .doc("generic", "1.0.0", "Returns all key names that match a pattern.")
                    .complexity("O(N) with N being the number of keys in the database, under the assumption that "
                            + "the key names in the database and the given pattern have limited length.")
                    .acl(KEYSPACE, DANGEROUS).tips("request_policy:all_shards", "nondeterministic_output")
                    .args("pattern:pattern");
            t.read("scan", -2, EnumSet.of(READONLY), 0, 0, 0, KeyCommands::scan)
                    .doc("generic", "2.8.0", "Iterates over the key names in the database.")
                    .complexity("O(1) for every call. O(N) for a complete iteration, including enough command "
                            + "calls for the cursor to return back to 0. N is the number of elements inside the "
                            + "collection.")
                    .acl(KEYSPACE)
                    .tips("nondeterministic_output", "request_policy:special", "response_policy:special")
                    .args("cursor:integer ?MATCH=pattern:pattern ?COUNT=count:integer ?TYPE=type:string");
            t.read("randomkey", 1, EnumSet.of(READONLY), 0, 0, 0, KeyCommands::randomkey)
                    .doc("generic", "1.0.0", "Returns a random key name from the database.").acl(KEYSPACE)
                    .tips("request_policy:all_shards", "response_policy:special", "nondeterministic_output");
            t.read("expiretime", 2, EnumSet.of(READONLY, FAST), 1, 1, 1, KeyCommands::expiretime)
                    .doc("generic", "7.0.0", "Returns the expiration time of a key as a Unix timestamp.")
                    .acl(KEYSPACE).keys(KeySpec.single("RO", "access")).args("key:key");
            t.read("pexpiretime", 2, EnumSet.of(READONLY, FAST), 1, 1, 1, KeyCommands::pexpiretime)
                    .doc("generic", "7.0.0", "Returns the expiration time of a key as a Unix milliseconds timestamp.")
                    .acl(KEYSPACE).keys(KeySpec.single("RO", "access")).args("key:key");
            t.write("move", 3, EnumSet.of(WRITE, FAST), 1, 1, 1, DatabaseCommands::move)
                    .doc("generic", "1.0.0", "Moves a key to another database.").acl(KEYSPACE)
                    .keys(KeySpec.single("RW", "access", "update")).args("key:key db:integer");
            t.write("swapdb", 3, EnumSet.of(WRITE, FAST), 0, 0, 0, DatabaseCommands::swapdb)
                    .doc("server", "4.0.0", "Swaps two Redis databases.")
                    .complexity("O(N) where N is the count of clients watching or blocking on keys from both "
                            + "databases.")
                    .acl(KEYSPACE, DANGEROUS).args("index1:integer index2:integer");
            t.read("object", -2, EnumSet.noneOf(CommandFlag.class), 0, 0, 0, ObjectCommands::object)
                    .doc("generic", "2.2.3", "A container for object introspection commands.")
                    .complexity("Depends on subcommand.").subcommands(ObjectCommands.OBJECT);
            String serializedComplexity = "O(N*M) where N is the number of Redis objects composing the value and M "
                    + "their average size. For small string values the time complexity is thus O(1)+O(1*M) where M "
                    + "is small, so simply O(1).";
            t.read("dump", 2, EnumSet.of(READONLY), 1, 1, 1, DumpCommands::dump)
                    .doc("generic", "2.6.0", "Returns a serialized representation of the value stored at a key.")
                    .complexity("O(1) to access the key and additional " + serializedComplexity)
                    .acl(KEYSPACE).tips("nondeterministic_output").keys(KeySpec.single("RO", "access"))
                    .args("key:key");
            t.write("restore", -4, EnumSet.of(WRITE, DENYOOM), 1, 1, 1, DumpCommands::restore)
                    .doc("generic", "2.6.0", "Creates a key from the serialized representation of a value.")
                    .complexity("O(1) to create the new key and additional " + serializedComplexity
                            + " However for sorted set values the complexity is O(N*M*log(N)) because inserting "
                            + "values into sorted sets is O(log(N)).")
                    .acl(KEYSPACE, DANGEROUS).keys(KeySpec.single("OW", "update"))
                    .args("key:key ttl:integer serialized-value:string ?REPLACE ?ABSTTL ?IDLETIME=seconds:integer "
                            + "?FREQ=frequency:integer");

            // ---- hashes
            t.write("hset", -4, EnumSet.of(WRITE, DENYOOM, FAST), 1, 1, 1, HashCommands::hset)
                    .doc("hash", "2.0.0", "Creates or modifies the value of a field in a hash.")
                    .complexity("O(1) for each field/value pair added, so O(N) to add N field/value pairs when "
                            + "the command is called with multiple field/value pairs.")
                    .acl(AclCategory.HASH).keys(KeySpec.single("RW", "update"))
                    .args("key:key +data:{field:string value:string}");
            t.write("hsetnx", 4, EnumSet.of(WRITE, DENYOOM, FAST), 1, 1, 1, HashCommands::hsetnx)
                    .doc("hash", "2.0.0", "Sets the value of a field in a hash only when the field doesn't exist.")
                    .acl(AclCategory.HASH).keys(KeySpec.single("RW", "insert"))
                    .args("key:key field:string value:string");
            t.write("hmset", -4, EnumSet.of(WRITE, DENYOOM, FAST), 1, 1, 1, HashCommands::hmset)
                    .doc("hash", "2.0.0", "Sets the values of multiple fields.")
                    .complexity("O(N) where N is the number of fields being set.")
                    .acl(AclCategory.HASH).keys(KeySpec.single("RW", "update"))
                    .args("key:key +data:{field:string value:string}")
                    .deprecated("4.0.0", "`HSET` with multiple field-value pairs");
            t.read("hget", 3, EnumSet.of(READONLY, FAST), 1, 1, 1, HashCommands::hget)
                    .doc("hash", "2.0.0", "Returns the value of a field in a hash.")
                    .acl(AclCategory.HASH).keys(KeySpec.single("RO", "access")).args("key:key field:string");
            t.read("hmget", -3, EnumSet.of(READONLY, FAST), 1, 1, 1, HashCommands::hmget)
                    .doc("hash", "2.0.0", "Returns the values of all fields in a hash.")
                    .complexity("O(N) where N is the number of fields being requested.")
                    .acl(AclCategory.HASH).keys(KeySpec.single("RO", "access")).args("key:key +field:string");
            t.read("hgetall", 2, EnumSet.of(READONLY), 1, 1, 1, HashCommands::hgetall)
                    .doc("hash", "2.0.0", "Returns all fields and values in a hash.")
                    .complexity("O(N) where N is the size of the hash.").acl(AclCategory.HASH)
                    .tips("nondeterministic_output_order").keys(KeySpec.single("RO", "access")).args("key:key");
            t.write("hdel", -3, EnumSet.of(WRITE, FAST), 1, 1, 1, HashCommands::hdel)
                    .doc("hash", "2.0.0",
                            "Deletes one or more fields and their values from a hash. Deletes the hash if no fields remain.")
                    .complexity("O(N) where N is the number of fields to be removed.")
                    .acl(AclCategory.HASH).keys(KeySpec.single("RW", "delete")).args("key:key +field:string");
            t.read("hexists", 3, EnumSet.of(READONLY, FAST), 1, 1, 1, HashCommands::hexists)
                    .doc("hash", "2.0.0", "Determines whether a field exists in a hash.")
                    .acl(AclCategory.HASH).keys(KeySpec.single("RO")).args("key:key field:string");
            t.read("hlen", 2, EnumSet.of(READONLY, FAST), 1, 1, 1, HashCommands::hlen)
                    .doc("hash", "2.0.0", "Returns the number of fields in a hash.")
                    .acl(AclCategory.HASH).keys(KeySpec.single("RO")).args("key:key");
            t.read("hkeys", 2, EnumSet.of(READONLY), 1, 1, 1, HashCommands::hkeys)
                    .doc("hash", "2.0.0", "Returns all fields in a hash.")
                    .complexity("O(N) where N is the size of the hash.").acl(AclCategory.HASH)
                    .tips("nondeterministic_output_order").keys(KeySpec.single("RO")).args("key:key");
            t.read("hvals", 2, EnumSet.of(READONLY), 1, 1, 1, HashCommands::hvals)
                    .doc("hash", "2.0.0", "Returns all values in a hash.")
                    .complexity("O(N) where N is the size of the hash.").acl(AclCategory.HASH)
                    .tips("nondeterministic_output_order").keys(KeySpec.single("RO", "access")).args("key:key");
            t.write("hincrby", 4, EnumSet.of(WRITE, DENYOOM, FAST), 1, 1, 1, HashCommands::hincrby)
                    .doc("hash", "2.0.0",
                            "Increments the integer value of a field in a hash by a number. Uses 0 as initial value "
                                    + "if the field doesn't exist.")
                    .acl(AclCategory.HASH).keys(KeySpec.single("RW", "access", "update"))
                    .args("key:key field:string increment:integer");
            t.write("hincrbyfloat", 4, EnumSet.of(WRITE, DENYOOM, FAST), 1, 1, 1, HashCommands::hincrbyfloat)
                    .doc("hash", "2.6.0",
                            "Increments the floating point value of a field by a number. Uses 0 as initial value "
                                    + "if the field doesn't exist.")
                    .acl(AclCategory.HASH).keys(KeySpec.single("RW", "access", "update"))
                    .args("key:key field:string increment:double");
            t.read("hstrlen", 3, EnumSet.of(READONLY, FAST), 1, 1, 1, HashCommands::hstrlen)
                    .doc("hash", "3.2.0", "Returns the length of the value of a field.")
                    .acl(AclCategory.HASH).keys(KeySpec.single("RO")).args("key:key field:string");
            t.read("hrandfield", -2, EnumSet.of(READONLY), 1, 1, 1, HashCommands::hrandfield)
                    .doc("hash", "6.2.0", "Returns one or more random fields from a hash.")
                    .complexity("O(N) where N is the number of fields returned").acl(AclCategory.HASH)
                    .tips("nondeterministic_output").keys(KeySpec.single("RO", "access"))
                    .args("key:key ?options:{count:integer ?WITHVALUES}");
            t.read("hscan", -3, EnumSet.of(READONLY), 1, 1, 1, HashCommands::hscan)
                    .doc("hash", "2.8.0", "Iterates over fields and values of a hash.")
                    .complexity("O(1) for every call. O(N) for a complete iteration, including enough command "
                            + "calls for the cursor to return back to 0. N is the number of elements inside the "
                            + "collection.")
                    .acl(AclCategory.HASH).tips("nondeterministic_output").keys(KeySpec.single("RO", "access"))
                    .args("key:key cursor:integer ?MATCH=pattern:pattern ?COUNT=count:integer");

            // ---- sets
            t.write("sadd", -3, EnumSet.of(WRITE, DENYOOM, FAST), 1, 1, 1, SetCommands::sadd)
                    .doc("set", "1.0.0", "Adds one or more members to a set. Creates the key if it doesn't exist.")
                    .complexity("O(1) for each element added, so O(N) to add N elements when the command is "
                            + "called with multiple arguments.")
                    .acl(AclCategory.SET).keys(KeySpec.single("RW", "insert")).args("key:key +member:string");
            t.write("srem", -3, EnumSet.of(WRITE, FAST), 1, 1, 1, SetCommands::srem)
                    .doc("set", "1.0.0",
                            "Removes one or more members from a set. Deletes the set if the last member was removed.")
                    .complexity("O(N) where N is the number of members to be removed.")
                    .acl(AclCategory.SET).keys(KeySpec.single("RW", "delete")).args("key:key +member:string");
            t.read("smembers", 2, EnumSet.of(READONLY), 1, 1, 1, SetCommands::smembers)
                    .doc("set", "1.0.0", "Returns all members of a set.")
                    .complexity("O(N) where N is the set cardinality.").acl(AclCategory.SET)
                    .tips("nondeterministic_output_order").keys(KeySpec.single("RO", "access")).args("key:key");
            t.read("sismember", 3, EnumSet.of(READONLY, FAST), 1, 1, 1, SetCommands::sismember)
                    .doc("set", "1.0.0", "Determines whether a member belongs to a set.")
                    .acl(AclCategory.SET).keys(KeySpec.single("RO")).args("key:key member:string");
            t.read("smismember", -3, EnumSet.of(READONLY, FAST), 1, 1, 1, SetCommands::smismember)
                    .doc("set", "6.2.0", "Determines whether multiple members belong to a set.")
                    .complexity("O(N) where N is the number of elements being checked for membership")
                    .acl(AclCategory.SET).keys(KeySpec.single("RO")).args("key:key +member:string");
            t.read("scard", 2, EnumSet.of(READONLY, FAST), 1, 1, 1, SetCommands::scard)
                    .doc("set", "1.0.0", "Returns the number of members in a set.")
                    .acl(AclCategory.SET).keys(KeySpec.single("RO")).args("key:key");
            t.write("spop", -2, EnumSet.of(WRITE, FAST), 1, 1, 1, SetCommands::spop)
                    .doc("set", "1.0.0",
                            "Returns one or more random members from a set after removing them. Deletes the set if "
                                    + "the last member was popped.")
                    .complexity("Without the count argument O(1), otherwise O(N) where N is the value of the "
                            + "passed count.")
                    .acl(AclCategory.SET).tips("nondeterministic_output")
                    .keys(KeySpec.single("RW", "access", "delete")).args("key:key ?count:integer");
            t.read("srandmember", -2, EnumSet.of(READONLY), 1, 1, 1, SetCommands::srandmember)
                    .doc("set", "1.0.0", "Get one or multiple random members from a set")
                    .complexity("Without the count argument O(1), otherwise O(N) where N is the absolute value "
                            + "of the passed count.")
                    .acl(AclCategory.SET).tips("nondeterministic_output").keys(KeySpec.single("RO", "access"))
                    .args("key:key ?count:integer");
            t.write("smove", 4, EnumSet.of(WRITE, FAST), 1, 2, 1, SetCommands::smove)
                    .doc("set", "1.0.0", "Moves a member from one set to another.").acl(AclCategory.SET)
                    .keys(KeySpec.of(1, 0, 1, "RW", "access", "delete"), KeySpec.of(2, 0, 1, "RW", "insert"))
                    .args("source:key destination:key member:string");
            t.read("sinter", -2, EnumSet.of(READONLY), 1, -1, 1, SetCommands::sinter)
                    .doc("set", "1.0.0", "Returns the intersect of multiple sets.")
                    .complexity("O(N*M) worst case where N is the cardinality of the smallest set and M is the "
                            + "number of sets.")
                    .acl(AclCategory.SET).tips("nondeterministic_output_order").keys(KeySpec.all("RO", "access"))
                    .args("+key:key");
            t.read("sintercard", -3, EnumSet.of(READONLY, MOVABLEKEYS), 0, 0, 0, SetCommands::sintercard)
                    .doc("set", "7.0.0", "Returns the number of members of the intersect of multiple sets.")
                    .complexity("O(N*M) worst case where N is the cardinality of the smallest set and M is the "
                            + "number of sets.")
                    .acl(AclCategory.SET).args("numkeys:integer +key:key ?LIMIT=limit:integer");
            t.write("sinterstore", -3, EnumSet.of(WRITE, DENYOOM), 1, -1, 1, SetCommands::sinterstore)
                    .doc("set", "1.0.0", "Stores the intersect of multiple sets in a key.")
                    .complexity("O(N*M) worst case where N is the cardinality of the smallest set and M is the "
                            + "number of sets.")
                    .acl(AclCategory.SET)
                    .keys(KeySpec.of(1, 0, 1, "OW", "update"), KeySpec.of(2, -1, 1, "RO", "access"))
                    .args("destination:key +key:key");
            t.read("sunion", -2, EnumSet.of(READONLY), 1, -1, 1, SetCommands::sunion)
                    .doc("set", "1.0.0", "Returns the union of multiple sets.")
                    .complexity("O(N) where N is the total number of elements in all given sets.")
                    .acl(AclCategory.SET).tips("nondeterministic_output_order").keys(KeySpec.all("RO", "access"))
                    .args("+key:key");
            t.write("sunionstore", -3, EnumSet.of(WRITE, DENYOOM), 1, -1, 1, SetCommands::sunionstore)
                    .doc("set", "1.0.0", "Stores the union of multiple sets in a key.")
                    .complexity("O(N) where N is the total number of elements in all given sets.")
                    .acl(AclCategory.SET)
                    .keys(KeySpec.of(1, 0, 1, "OW", "update"), KeySpec.of(2, -1, 1, "RO", "access"))
                    .args("destination:key +key:key");
            t.read("sdiff", -2, EnumSet.of(READONLY), 1, -1, 1, SetCommands::sdiff)
                    .doc("set", "1.0.0", "Returns the difference of multiple sets.")
                    .complexity("O(N) where N is the total number of elements in all given sets.")
                    .acl(AclCategory.SET).tips("nondeterministic_output_order").keys(KeySpec.all("RO", "access"))
                    .args("+key:key");
            t.write("sdiffstore", -3, EnumSet.of(WRITE, DENYOOM), 1, -1, 1, SetCommands::sdiffstore)
                    .doc("set", "1.0.0", "Stores the difference of multiple sets in a key.")
                    .complexity("O(N) where N is the total number of elements in all given sets.")
                    .acl(AclCategory.SET)
                    .keys(KeySpec.of(1, 0, 1, "OW", "update"), KeySpec.of(2, -1, 1, "RO", "access"))
                    .args("destination:key +key:key");
            t.read("sscan", -3, EnumSet.of(READONLY), 1, 1, 1, SetCommands::sscan)
                    .doc("set", "2.8.0", "Iterates over members of a set.")
                    .complexity("O(1) for every call. O(N) for a complete iteration, including enough command "
                            + "calls for the cursor to return back to 0. N is the number of elements inside the "
                            + "collection.")
                    .acl(AclCategory.SET).tips("nondeterministic_output").keys(KeySpec.single("RO", "access"))
                    .args("key:key cursor:integer ?MATCH=pattern:pattern ?COUNT=count:integer");

            // ---- lists
            t.write("lpush", -3, EnumSet.of(WRITE, DENYOOM, FAST), 1, 1, 1, ListCommands::lpush)
                    .doc("list", "1.0.0",
                            "Prepends one or more elements to a list. Creates the key if it doesn't exist.")
                    .complexity("O(1) for each element added, so O(N) to add N elements when the command is "
                            + "called with multiple arguments.")
                    .acl(AclCategory.LIST).keys(KeySpec.single("RW", "insert")).args("key:key +element:string");
            t.write("rpush", -3, EnumSet.of(WRITE, DENYOOM, FAST), 1, 1, 1, ListCommands::rpush)
                    .doc("list", "1.0.0", "Appends one or more elements to a list. Creates the key if it doesn't exist.")
                    .complexity("O(1) for each element added, so O(N) to add N elements when the command is "
                            + "called with multiple arguments.")
                    .acl(AclCategory.LIST).keys(KeySpec.single("RW", "insert")).args("key:key +element:string");
            t.write("lpushx", -3, EnumSet.of(WRITE, DENYOOM, FAST), 1, 1, 1, ListCommands::lpushx)
                    .doc("list", "2.2.0", "Prepends one or more elements to a list only when the list exists.")
                    .complexity("O(1) for each element added, so O(N) to add N elements when the command is "
                            + "called with multiple arguments.")
                    .acl(AclCategory.LIST).keys(KeySpec.single("RW", "insert")).args("key:key +element:string");
            t.write("rpushx", -3, EnumSet.of(WRITE, DENYOOM, FAST), 1, 1, 1, ListCommands::rpushx)
                    .doc("list", "2.2.0", "Appends an element to a list only when the list exists.")
                    .complexity("O(1) for each element added, so O(N) to add N elements when the command is "
                            + "called with multiple arguments.")
                    .acl(AclCategory.LIST).keys(KeySpec.single("RW", "insert")).args("key:key +element:string");
            t.write("lpop", -2, EnumSet.of(WRITE, FAST), 1, 1, 1, ListCommands::lpop)
                    .doc("list", "1.0.0",
                            "Returns the first elements in a list after removing it. Deletes the list if the last "
                                    + "element was popped.")
                    .complexity("O(N) where N is the number of elements returned").acl(AclCategory.LIST)
                    .keys(KeySpec.single("RW", "access", "delete")).args("key:key ?count:integer");
            t.write("rpop", -2, EnumSet.of(WRITE, FAST), 1, 1, 1, ListCommands::rpop)
                    .doc("list", "1.0.0",
                            "Returns and removes the last elements of a list. Deletes the list if the last element "
                                    + "was popped.")
                    .complexity("O(N) where N is the number of elements returned").acl(AclCategory.LIST)
                    .keys(KeySpec.single("RW", "access", "delete")).args("key:key ?count:integer");
            t.read("llen", 2, EnumSet.of(READONLY, FAST), 1, 1, 1, ListCommands::llen)
                    .doc("list", "1.0.0", "Returns the length of a list.").acl(AclCategory.LIST)
                    .keys(KeySpec.single("RO")).args("key:key");
            t.read("lrange", 4, EnumSet.of(READONLY), 1, 1, 1, ListCommands::lrange)
                    .doc("list", "1.0.0", "Returns a range of elements from a list.")
                    .complexity("O(S+N) where S is the distance of start offset from HEAD for small lists, from "
                            + "nearest end (HEAD or TAIL) for large lists; and N is the number of elements in the "
                            + "specified range.")
                    .acl(AclCategory.LIST).keys(KeySpec.single("RO", "access"))
                    .args("key:key start:integer stop:integer");
            t.read("lindex", 3, EnumSet.of(READONLY), 1, 1, 1, ListCommands::lindex)
                    .doc("list", "1.0.0", "Returns an element from a list by its index.")
                    .complexity("O(N) where N is the number of elements to traverse to get to the element at "
                            + "index. This makes asking for the first or the last element of the list O(1).")
                    .acl(AclCategory.LIST).keys(KeySpec.single("RO", "access")).args("key:key index:integer");
            t.write("lset", 4, EnumSet.of(WRITE, DENYOOM), 1, 1, 1, ListCommands::lset)
                    .doc("list", "1.0.0", "Sets the value of an element in a list by its index.")
                    .complexity("O(N) where N is the length of the list. Setting either the first or the last "
                            + "element of the list is O(1).")
                    .acl(AclCategory.LIST).keys(KeySpec.single("RW", "update"))
                    .args("key:key index:integer element:string");
            t.write("linsert", 5, EnumSet.of(WRITE, DENYOOM), 1, 1, 1, ListCommands::linsert)
                    .doc("list", "2.2.0", "Inserts an element before or after another element in a list.")
                    .complexity("O(N) where N is the number of elements to traverse before seeing the value "
                            + "pivot. This means that inserting somewhere on the left end on the list (head) can be "
                            + "considered O(1) and inserting somewhere on the right end (tail) is O(N).")
                    .acl(AclCategory.LIST).keys(KeySpec.single("RW", "insert"))
                    .args("key:key where:(BEFORE|AFTER) pivot:string element:string");
            t.write("lrem", 4, EnumSet.of(WRITE), 1, 1, 1, ListCommands::lrem)
                    .doc("list", "1.0.0",
                            "Removes elements from a list. Deletes the list if the last element was removed.")
                    .complexity("O(N+M) where N is the length of the list and M is the number of elements "
                            + "removed.")
                    .acl(AclCategory.LIST).keys(KeySpec.single("RW", "delete"))
                    .args("key:key count:integer element:string");
            t.write("ltrim", 4, EnumSet.of(WRITE), 1, 1, 1, ListCommands::ltrim)
                    .doc("list", "1.0.0",
                            "Removes elements from both ends a list. Deletes the list if all elements were trimmed.")
                    .complexity("O(N) where N is the number of elements to be removed by the operation.")
                    .acl(AclCategory.LIST).keys(KeySpec.single("RW", "delete"))
                    .args("key:key start:integer stop:integer");
            t.read("lpos", -3, EnumSet.of(READONLY), 1, 1, 1, ListCommands::lpos)
                    .doc("list", "6.0.6", "Returns the index of matching elements in a list.")
                    .complexity("O(N) where N is the number of elements in the list, for the average case. When "
                            + "searching for elements near the head or the tail of the list, or when the MAXLEN "
                            + "option is provided, the command may run in constant time.")
                    .acl(AclCategory.LIST).keys(KeySpec.single("RO"))
                    .args("key:key element:string ?RANK=rank:integer ?COUNT=num-matches:integer "
                            + "?MAXLEN=len:integer");
            t.write("lmove", 5, EnumSet.of(WRITE, DENYOOM), 1, 2, 1, ListCommands::lmove)
                    .doc("list", "6.2.0",
                            "Returns an element after popping it from one list and pushing it to another. Deletes "
                                    + "the list if the last element was moved.")
                    .acl(AclCategory.LIST)
                    .keys(KeySpec.of(1, 0, 1, "RW", "access", "delete"), KeySpec.of(2, 0, 1, "RW", "insert"))
                    .args("source:key destination:key wherefrom:(LEFT|RIGHT) whereto:(LEFT|RIGHT)");
            t.write("rpoplpush", 3, EnumSet.of(WRITE, DENYOOM), 1, 2, 1, ListCommands::rpoplpush)
                    .doc("list", "1.2.0",
                            "Returns the last element of a list after removing and pushing it to another list. "
                                    + "Deletes the list if the last element was popped.")
                    .acl(AclCategory.LIST)
                    .keys(KeySpec.of(1, 0, 1, "RW", "access", "delete"), KeySpec.of(2, 0, 1, "RW", "insert"))
                    .args("source:key destination:key")
                    .deprecated("6.2.0", "`LMOVE` with the `RIGHT` and `LEFT` arguments");
            t.write("lmpop", -4, EnumSet.of(WRITE, MOVABLEKEYS), 0, 0, 0, ListCommands::lmpop)
                    .doc("list", "7.0.0",
                            "Returns multiple elements from a list after removing them. Deletes the list if the "
                                    + "last element was popped.")
                    .complexity("O(N+M) where N is the number of provided keys and M is the number of elements "
                            + "returned.")
                    .acl(AclCategory.LIST)
                    .args("numkeys:integer +key:key where:(LEFT|RIGHT) ?COUNT=count:integer");

            // blocking forms: one attempt each in the log; BlockedClients makes them wait
            t.write("blpop", -3, EnumSet.of(WRITE, NOSCRIPT, BLOCKING), 1, -2, 1,
                            BlockingPop.keysThenTimeout(ListCommands::blpop, ListValue.class))
                    .doc("list", "2.0.0", "Removes and returns the first element in a list. Blocks until an element "
                            + "is available otherwise. Deletes the list if the last element was popped.")
                    .complexity("O(N) where N is the number of provided keys.")
                    .acl(AclCategory.LIST, AclCategory.SLOW, AclCategory.BLOCKING)
                    .keys(KeySpec.of(1, -2, 1, "RW", "access", "delete")).args("+key:key timeout:double");
            t.write("brpop", -3, EnumSet.of(WRITE, NOSCRIPT, BLOCKING), 1, -2, 1,
                            BlockingPop.keysThenTimeout(ListCommands::brpop, ListValue.class))
                    .doc("list", "2.0.0", "Removes and returns the last element in a list. Blocks until an element "
                            + "is available otherwise. Deletes the list if the last element was popped.")
                    .complexity("O(N) where N is the number of provided keys.")
                    .acl(AclCategory.LIST, AclCategory.SLOW, AclCategory.BLOCKING)
                    .keys(KeySpec.of(1, -2, 1, "RW", "access", "delete")).args("+key:key timeout:double");
            t.write("brpoplpush", 4, EnumSet.of(WRITE, DENYOOM, NOSCRIPT, BLOCKING), 1, 2, 1,
                            BlockingPop.sourceThenTimeout(ListCommands::brpoplpush, ListValue.class))
                    .doc("list", "2.2.0", "Pops an element from a list, pushes it to another list and returns it. "
                            + "Block until an element is available otherwise. Deletes the list if the last element "
                            + "was popped.")
                    .complexity("O(1)").acl(AclCategory.LIST, AclCategory.SLOW, AclCategory.BLOCKING)
                    .keys(KeySpec.of(1, 0, 1, "RW", "access", "delete"), KeySpec.of(2, 0, 1, "RW", "insert"))
                    .args("source:key destination:key timeout:double")
                    .deprecated("6.2.0", "`BLMOVE` with the `RIGHT` and `LEFT` arguments");
            t.write("blmove", 6, EnumSet.of(WRITE, DENYOOM, NOSCRIPT, BLOCKING), 1, 2, 1,
                            BlockingPop.sourceThenTimeout(ListCommands::blmove, ListValue.class))
                    .doc("list", "6.2.0", "Pops an element from a list, pushes it to another list and returns it. "
                            + "Blocks until an element is available otherwise. Deletes the list if the last element "
                            + "was moved.")
                    .complexity("O(1)").acl(AclCategory.LIST, AclCategory.SLOW, AclCategory.BLOCKING)
                    .keys(KeySpec.of(1, 0, 1, "RW", "access", "delete"), KeySpec.of(2, 0, 1, "RW", "insert"))
                    .args("source:key destination:key wherefrom:(LEFT|RIGHT) whereto:(LEFT|RIGHT) timeout:double");
            t.write("blmpop", -5, EnumSet.of(WRITE, BLOCKING, MOVABLEKEYS), 0, 0, 0,
                            BlockingPop.timeoutThenNumkeys(ListCommands::blmpop, ListValue.class))
                    .doc("list", "7.0.0", "Pops the first element from one of multiple lists. Blocks until an "
                            + "element is available otherwise. Deletes the list if the last element was popped.")
                    .complexity("O(N+M) where N is the number of provided keys and M is the number of elements "
                            + "returned.")
                    .acl(AclCategory.LIST, AclCategory.SLOW, AclCategory.BLOCKING)
                    .args("timeout:double numkeys:integer +key:key where:(LEFT|RIGHT) ?COUNT=count:integer");

            // ---- sorted sets
            t.write("zadd", -4, EnumSet.of(WRITE, DENYOOM, FAST), 1, 1, 1, ZSetCommands::zadd)
                    .doc("sorted-set", "1.2.0",
                            "Adds one or more members to a sorted set, or updates their scores. Creates the key if "
                                    + "it doesn't exist.")
                    .complexity("O(log(N)) for each item added, where N is the number of elements in the sorted "
                            + "set.")
                    .acl(AclCategory.SORTEDSET).keys(KeySpec.single("RW", "update"))
                    .args("key:key ?condition:(NX|XX) ?comparison:(GT|LT) ?CH ?INCR "
                            + "+data:{score:double member:string}");
            t.write("zincrby", 4, EnumSet.of(WRITE, DENYOOM, FAST), 1, 1, 1, ZSetCommands::zincrby)
                    .doc("sorted-set", "1.2.0", "Increments the score of a member in a sorted set.")
                    .complexity("O(log(N)) where N is the number of elements in the sorted set.")
                    .acl(AclCategory.SORTEDSET).keys(KeySpec.single("RW", "access", "update"))
                    .args("key:key increment:integer member:string");
            t.write("zrem", -3, EnumSet.of(WRITE, FAST), 1, 1, 1, ZSetCommands::zrem)
                    .doc("sorted-set", "1.2.0",
                            "Removes one or more members from a sorted set. Deletes the sorted set if all members "
                                    + "were removed.")
                    .complexity("O(M*log(N)) with N being the number of elements in the sorted set and M the "
                            + "number of elements to be removed.")
                    .acl(AclCategory.SORTEDSET).keys(KeySpec.single("RW", "delete")).args("key:key +member:string");
            t.read("zscore", 3, EnumSet.of(READONLY, FAST), 1, 1, 1, ZSetCommands::zscore)
                    .doc("sorted-set", "1.2.0", "Returns the score of a member in a sorted set.")
                    .acl(AclCategory.SORTEDSET).keys(KeySpec.single("RO", "access")).args("key:key member:string");
            t.read("zmscore", -3, EnumSet.of(READONLY, FAST), 1, 1, 1, ZSetCommands::zmscore)
                    .doc("sorted-set", "6.2.0", "Returns the score of one or more members in a sorted set.")
                    .complexity("O(N) where N is the number of members being requested.")
                    .acl(AclCategory.SORTEDSET).keys(KeySpec.single("RO", "access")).args("key:key +member:string");
            t.read("zcard", 2, EnumSet.of(READONLY, FAST), 1, 1, 1, ZSetCommands::zcard)
                    .doc("sorted-set", "1.2.0", "Returns the number of members in a sorted set.")
                    .acl(AclCategory.SORTEDSET).keys(KeySpec.single("RO")).args("key:key");
            t.read("zcount", 4, EnumSet.of(READONLY, FAST), 1, 1, 1, ZSetCommands::zcount)
                    .doc("sorted-set", "2.0.0",
                            "Returns the count of members in a sorted set that have scores within a range.")
                    .complexity("O(log(N)) with N being the number of elements in the sorted set.")
                    .acl(AclCategory.SORTEDSET).keys(KeySpec.single("RO", "access"))
                    .args("key:key min:double max:double");
            t.read("zlexcount", 4, EnumSet.of(READONLY, FAST), 1, 1, 1, ZSetCommands::zlexcount)
                    .doc("sorted-set", "2.8.9",
                            "Returns the number of members in a sorted set within a lexicographical range.")
                    .complexity("O(log(N)) with N being the number of elements in the sorted set.")
                    .acl(AclCategory.SORTEDSET).keys(KeySpec.single("RO")).args("key:key min:string max:string");
            t.read("zrange", -4, EnumSet.of(READONLY), 1, 1, 1, ZSetCommands::zrange)
                    .doc("sorted-set", "1.2.0", "Returns members in a sorted set within a range of indexes.")
                    .complexity("O(log(N)+M) with N being the number of elements in the sorted set and M the "
                            + "number of elements returned.")
                    .acl(AclCategory.SORTEDSET).keys(KeySpec.single("RO", "access"))
                    .args("key:key start:string stop:string ?sortby:(BYSCORE|BYLEX) ?REV "
                            + "?LIMIT=limit:{offset:integer count:integer} ?WITHSCORES");
            t.write("zrangestore", -5, EnumSet.of(WRITE, DENYOOM), 1, 2, 1, ZSetCommands::zrangestore)
                    .doc("sorted-set", "6.2.0", "Stores a range of members from sorted set in a key.")
                    .complexity("O(log(N)+M) with N being the number of elements in the sorted set and M the "
                            + "number of elements stored into the destination key.")
                    .acl(AclCategory.SORTEDSET)
                    .keys(KeySpec.of(1, 0, 1, "OW", "update"), KeySpec.of(2, 0, 1, "RO", "access"))
                    .args("dst:key src:key min:string max:string ?sortby:(BYSCORE|BYLEX) ?REV "
                            + "?LIMIT=limit:{offset:integer count:integer}");
            t.read("zrevrange", -4, EnumSet.of(READONLY), 1, 1, 1, ZSetCommands::zrevrange)
                    .doc("sorted-set", "1.2.0",
                            "Returns members in a sorted set within a range of indexes in reverse order.")
                    .complexity("O(log(N)+M) with N being the number of elements in the sorted set and M the "
                            + "number of elements returned.")
                    .acl(AclCategory.SORTEDSET).keys(KeySpec.single("RO", "access"))
                    .args("key:key start:integer stop:integer ?WITHSCORES")
                    .deprecated("6.2.0", "`ZRANGE` with the `REV` argument");
            t.read("zrangebyscore", -4, EnumSet.of(READONLY), 1, 1, 1, ZSetCommands::zrangebyscore)
                    .doc("sorted-set", "1.0.5", "Returns members in a sorted set within a range of scores.")
                    .complexity("O(log(N)+M) with N being the number of elements in the sorted set and M the "
                            + "number of elements being returned. If M is constant (e.g. always asking for the "
                            + "first 10 elements with LIMIT), you can consider it O(log(N)).")
                    .acl(AclCategory.SORTEDSET).keys(KeySpec.single("RO", "access"))
                    .args("key:key min:double max:double ?WITHSCORES ?LIMIT=limit:{offset:integer count:integer}")
                    .deprecated("6.2.0", "`ZRANGE` with the `BYSCORE` argument");
            t.read("zrevrangebyscore", -4, EnumSet.of(READONLY), 1, 1, 1, ZSetCommands::zrevrangebyscore)
                    .doc("sorted-set", "2.2.0",
                            "Returns members in a sorted set within a range of scores in reverse order.")
                    .complexity("O(log(N)+M) with N being the number of elements in the sorted set and M the "
                            + "number of elements being returned. If M is constant (e.g. always asking for the "
                            + "first 10 elements with LIMIT), you can consider it O(log(N)).")
                    .acl(AclCategory.SORTEDSET).keys(KeySpec.single("RO", "access"))
                    .args("key:key max:double min:double ?WITHSCORES ?LIMIT=limit:{offset:integer count:integer}")
                    .deprecated("6.2.0", "`ZRANGE` with the `REV` and `BYSCORE` arguments");
            t.read("zrangebylex", -4, EnumSet.of(READONLY), 1, 1, 1, ZSetCommands::zrangebylex)
                    .doc("sorted-set", "2.8.9", "Returns members in a sorted set within a lexicographical range.")
                    .complexity("O(log(N)+M) with N being the number of elements in the sorted set and M the "
                            + "number of elements being returned. If M is constant (e.g. always asking for the "
                            + "first 10 elements with LIMIT), you can consider it O(log(N)).")
                    .acl(AclCategory.SORTEDSET).keys(KeySpec.single("RO", "access"))
                    .args("key:key min:string max:string ?LIMIT=limit:{offset:integer count:integer}")
                    .deprecated("6.2.0", "`ZRANGE` with the `BYLEX` argument");
            t.read("zrevrangebylex", -4, EnumSet.of(READONLY), 1, 1, 1, ZSetCommands::zrevrangebylex)
                    .doc("sorted-set", "2.8.9",
                            "Returns members in a sorted set within a lexicographical range in reverse order.")
                    .complexity("O(log(N)+M) with N being the number of elements in the sorted set and M the "
                            + "number of elements being returned. If M is constant (e.g. always asking for the "
                            + "first 10 elements with LIMIT), you can consider it O(log(N)).")
                    .acl(AclCategory.SORTEDSET).keys(KeySpec.single("RO", "access"))
                    .args("key:key max:string min:string ?LIMIT=limit:{offset:integer count:integer}")
                    .deprecated("6.2.0", "`ZRANGE` with the `REV` and `BYLEX` arguments");
            t.read("zrank", -3, EnumSet.of(READONLY, FAST), 1, 1, 1, ZSetCommands::zrank)
                    .doc("sorted-set", "2.0.0", "Returns the index of a member in a sorted set ordered by ascending "
                            + "scores.")
                    .complexity("O(log(N))").acl(AclCategory.SORTEDSET).keys(KeySpec.single("RO", "access"))
                    .args("key:key member:string ?WITHSCORE");
            t.read("zrevrank", -3, EnumSet.of(READONLY, FAST), 1, 1, 1, ZSetCommands::zrevrank)
                    .doc("sorted-set", "2.0.0", "Returns the index of a member in a sorted set ordered by descending "
                            + "scores.")
                    .complexity("O(log(N))").acl(AclCategory.SORTEDSET).keys(KeySpec.single("RO", "access"))
                    .args("key:key member:string ?WITHSCORE");
            t.write("zpopmin", -2, EnumSet.of(WRITE, FAST), 1, 1, 1, ZSetCommands::zpopmin)
                    .doc("sorted-set", "5.0.0",
                            "Returns the lowest-scoring members from a sorted set after removing them. Deletes the "
                                    + "sorted set if the last member was popped.")
                    .complexity("O(log(N)*M) with N being the number of elements in the sorted set, and M being "
                            + "the number of elements popped.")
                    .acl(AclCategory.SORTEDSET).keys(KeySpec.single("RW", "access", "delete"))
                    .args("key:key ?count:integer");
            t.write("zpopmax", -2, EnumSet.of(WRITE, FAST), 1, 1, 1, ZSetCommands::zpopmax)
                    .doc("sorted-set", "5.0.0",
                            "Returns the highest-scoring members from a sorted set after removing them. Deletes "
                                    + "the sorted set if the last member was popped.")
                    .complexity("O(log(N)*M) with N being the number of elements in the sorted set, and M being "
                            + "the number of elements popped.")
                    .acl(AclCategory.SORTEDSET).keys(KeySpec.single("RW", "access", "delete"))
                    .args("key:key ?count:integer");
            t.write("bzpopmin", -3, EnumSet.of(WRITE, NOSCRIPT, BLOCKING, FAST), 1, -2, 1,
                            BlockingPop.keysThenTimeout(ZSetCommands::bzpopmin, ZSetValue.class))
                    .doc("sorted-set", "5.0.0", "Removes and returns the member with the lowest score from one or "
                            + "more sorted sets. Blocks until a member is available otherwise. Deletes the sorted set "
                            + "if the last element was popped.")
                    .complexity("O(log(N)) with N being the number of elements in the sorted set.")
                    .acl(AclCategory.SORTEDSET, AclCategory.FAST, AclCategory.BLOCKING)
                    .keys(KeySpec.of(1, -2, 1, "RW", "access", "delete")).args("+key:key timeout:double");
            t.write("bzpopmax", -3, EnumSet.of(WRITE, NOSCRIPT, BLOCKING, FAST), 1, -2, 1,
                            BlockingPop.keysThenTimeout(ZSetCommands::bzpopmax, ZSetValue.class))
                    .doc("sorted-set", "5.0.0", "Removes and returns the member with the highest score from one or "
                            + "more sorted sets. Blocks until a member is available otherwise. Deletes the sorted set "
                            + "if the last element was popped.")
                    .complexity("O(log(N)) with N being the number of elements in the sorted set.")
                    .acl(AclCategory.SORTEDSET, AclCategory.FAST, AclCategory.BLOCKING)
                    .keys(KeySpec.of(1, -2, 1, "RW", "access", "delete")).args("+key:key timeout:double");
            t.write("bzmpop", -5, EnumSet.of(WRITE, BLOCKING, MOVABLEKEYS), 0, 0, 0,
                            BlockingPop.timeoutThenNumkeys(ZSetCommands::bzmpop, ZSetValue.class))
                    .doc("sorted-set", "7.0.0", "Removes and returns a member by score from one or more sorted sets. "
                            + "Blocks until a member is available otherwise. Deletes the sorted set if the last "
                            + "element was popped.")
                    .complexity("O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of "
                            + "elements in the sorted set, and M being the number of elements popped.")
                    .acl(AclCategory.SORTEDSET, AclCategory.SLOW, AclCategory.BLOCKING)
                    .args("timeout:double numkeys:integer +key:key where:(MIN|MAX) ?COUNT=count:integer");
            t.write("zmpop", -4, EnumSet.of(WRITE, MOVABLEKEYS), 0, 0, 0, ZSetCommands::zmpop)
                    .doc("sorted-set", "7.0.0",
                            "Returns the highest- or lowest-scoring members from one or more sorted sets after "
                                    + "removing them. Deletes the sorted set if the last member was popped.")
                    .complexity("O(K) + O(M*log(N)) where K is the number of provided keys, N being the number "
                            + "of elements in the sorted set, and M being the number of elements popped.")
                    .acl(AclCategory.SORTEDSET)
                    .args("numkeys:integer +key:key where:(MIN|MAX) ?COUNT=count:integer");
            t.read("zunion", -3, EnumSet.of(READONLY, MOVABLEKEYS), 0, 0, 0, ZSetCommands::zunion)
                    .doc("sorted-set", "6.2.0", "Returns the union of multiple sorted sets.")
                    .complexity("O(N)+O(M*log(M)) with N being the sum of the sizes of the input sorted sets, "
                            + "and M being the number of elements in the resulting sorted set.")
                    .acl(AclCategory.SORTEDSET)
                    .args("numkeys:integer +key:key ?+WEIGHTS=weight:integer "
                            + "?AGGREGATE=aggregate:(SUM|MIN|MAX) ?WITHSCORES");
            t.read("zinter", -3, EnumSet.of(READONLY, MOVABLEKEYS), 0, 0, 0, ZSetCommands::zinter)
                    .doc("sorted-set", "6.2.0", "Returns the intersect of multiple sorted sets.")
                    .complexity("O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K "
                            + "being the number of input sorted sets and M being the number of elements in the "
                            + "resulting sorted set.")
                    .acl(AclCategory.SORTEDSET)
                    .args("numkeys:integer +key:key ?+WEIGHTS=weight:integer "
                            + "?AGGREGATE=aggregate:(SUM|MIN|MAX) ?WITHSCORES");
            t.read("zdiff", -3, EnumSet.of(READONLY, MOVABLEKEYS), 0, 0, 0, ZSetCommands::zdiff)
                    .doc("sorted-set", "6.2.0", "Returns the difference between multiple sorted sets.")
                    .complexity("O(L + (N-K)log(N)) worst case where L is the total number of elements in all the "
                            + "sets, N is the size of the first set, and K is the size of the result set.")
                    .acl(AclCategory.SORTEDSET).args("numkeys:integer +key:key ?WITHSCORES");
            t.read("zintercard", -3, EnumSet.of(READONLY, MOVABLEKEYS), 0, 0, 0, ZSetCommands::zintercard)
                    .doc("sorted-set", "7.0.0", "Returns the number of members of the intersect of multiple sorted "
                            + "sets.")
                    .complexity("O(N*K) worst case with N being the smallest input sorted set, K being the number "
                            + "of input sorted sets.")
                    .acl(AclCategory.SORTEDSET).args("numkeys:integer +key:key ?LIMIT=limit:integer");
            t.write("zunionstore", -4, EnumSet.of(WRITE, DENYOOM, MOVABLEKEYS), 1, 1, 1, ZSetCommands::zunionstore)
                    .doc("sorted-set", "2.0.0", "Stores the union of multiple sorted sets in a key.")
                    .complexity("O(N)+O(M log(M)) with N being the sum of the sizes of the input sorted sets, and "
                            + "M being the number of elements in the resulting sorted set.")
                    .acl(AclCategory.SORTEDSET).keys(KeySpec.single("OW", "update"))
                    .args("destination:key numkeys:integer +key:key ?+WEIGHTS=weight:integer "
                            + "?AGGREGATE=aggregate:(SUM|MIN|MAX)");
            t.write("zinterstore", -4, EnumSet.of(WRITE, DENYOOM, MOVABLEKEYS), 1, 1, 1, ZSetCommands::zinterstore)
                    .doc("sorted-set", "2.0.0", "Stores the intersect of multiple sorted sets in a key.")
                    .complexity("O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K "
                            + "being the number of input sorted sets and M being the number of elements in the "
                            + "resulting sorted set.")
                    .acl(AclCategory.SORTEDSET).keys(KeySpec.single("OW", "update"))
                    .args("destination:key numkeys:integer +key:key ?+WEIGHTS=weight:integer "
                            + "?AGGREGATE=aggregate:(SUM|MIN|MAX)");
            t.write("zdiffstore", -4, EnumSet.of(WRITE, DENYOOM, MOVABLEKEYS), 1, 1, 1, ZSetCommands::zdiffstore)
                    .doc("sorted-set", "6.2.0", "Stores the difference of multiple sorted sets in a key.")
                    .complexity("O(L + (N-K)log(N)) worst case where L is the total number of elements in all the "
                            + "sets, N is the size of the first set, and K is the size of the result set.")
                    .acl(AclCategory.SORTEDSET).keys(KeySpec.single("OW", "update"))
                    .args("destination:key numkeys:integer +key:key");
            t.write("zremrangebyrank", 4, EnumSet.of(WRITE), 1, 1, 1, ZSetCommands::zremrangebyrank)
                    .doc("sorted-set", "2.0.0",
                            "Removes members in a sorted set within a range of indexes. Deletes the sorted set if "
                                    + "all members were removed.")
                    .complexity("O(log(N)+M) with N being the number of elements in the sorted set and M the "
                            + "number of elements removed by the operation.")
                    .acl(AclCategory.SORTEDSET).keys(KeySpec.single("RW", "delete"))
                    .args("key:key start:integer stop:integer");
            t.write("zremrangebyscore", 4, EnumSet.of(WRITE), 1, 1, 1, ZSetCommands::zremrangebyscore)
                    .doc("sorted-set", "1.2.0",
                            "Removes members in a sorted set within a range of scores. Deletes the sorted set if "
                                    + "all members were removed.")
                    .complexity("O(log(N)+M) with N being the number of elements in the sorted set and M the "
                            + "number of elements removed by the operation.")
                    .acl(AclCategory.SORTEDSET).keys(KeySpec.single("RW", "delete"))
                    .args("key:key min:double max:double");
            t.write("zremrangebylex", 4, EnumSet.of(WRITE), 1, 1, 1, ZSetCommands::zremrangebylex)
                    .doc("sorted-set", "2.8.9",
                            "Removes members in a sorted set within a lexicographical range. Deletes the sorted set "
                                    + "if all members were removed.")
                    .complexity("O(log(N)+M) with N being the number of elements in the sorted set and M the "
                            + "number of elements removed by the operation.")
                    .acl(AclCategory.SORTEDSET).keys(KeySpec.single("RW", "delete"))
                    .args("key:key min:string max:string");
            t.read("zrandmember", -2, EnumSet.of(READONLY), 1, 1, 1, ZSetCommands::zrandmember)
                    .doc("sorted-set", "6.2.0", "Returns one or more random members from a sorted set.")
                    .complexity("O(N) where N is the number of members returned")
                    .acl(AclCategory.SORTEDSET).tips("nondeterministic_output")
                    .keys(KeySpec.single("RO", "access")).args("key:key ?options:{count:integer ?WITHSCORES}");
            t.read("zscan", -3, EnumSet.of(READONLY), 1, 1, 1, ZSetCommands::zscan)
                    .doc("sorted-set", "2.8.0", "Iterates over members and scores of a sorted set.")
                    .complexity("O(1) for every call. O(N) for a complete iteration, including enough command "
                            + "calls for the cursor to return back to 0. N is the number of elements inside the "
                            + "collection.")
                    .acl(AclCategory.SORTEDSET).tips("nondeterministic_output")
                    .keys(KeySpec.single("RO", "access"))
                    .args("key:key cursor:integer ?MATCH=pattern:pattern ?COUNT=count:integer");

            // ---- connection
            t.local("ping", -1, EnumSet.of(FAST), 0, 0, 0, ConnectionCommands::ping)
                    .doc("connection", "1.0.0", "Returns the server's liveliness response.").acl(CONNECTION)
                    .tips("request_policy:all_shards", "response_policy:all_succeeded").args("?message:string");
            t.local("echo", 2, EnumSet.of(FAST), 0, 0, 0, ConnectionCommands::echo)
                    .doc("connection", "1.0.0", "Returns the given string.").acl(CONNECTION).args("message:string");
            t.local("hello", -1, EnumSet.of(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, ALLOW_BUSY), 0, 0, 0,
                            ConnectionCommands::hello)
                    .doc("connection", "6.0.0", "Handshakes with the Redis server.").acl(CONNECTION)
                    .args("?arguments:{protover:integer ?AUTH=auth:{username:string password:string} "
                            + "?SETNAME=clientname:string}");
            t.local("auth", -2, EnumSet.of(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, ALLOW_BUSY), 0, 0, 0,
                            ConnectionCommands::auth)
                    .doc("connection", "1.0.0", "Authenticates the connection.")
                    .complexity("O(N) where N is the number of passwords defined for the user").acl(CONNECTION)
                    .args("?username:string password:string");
            t.local("select", 2, EnumSet.of(LOADING, STALE, FAST), 0, 0, 0, ConnectionCommands::select)
                    .doc("connection", "1.0.0", "Changes the selected database.").acl(CONNECTION)
                    .args("index:integer");
            t.local("client", -2, EnumSet.noneOf(CommandFlag.class), 0, 0, 0, ConnectionCommands::client)
                    .doc("connection", "2.4.0", "A container for client connection commands.")
                    .complexity("Depends on subcommand.").subcommands(ConnectionCommands.CLIENT);
            t.local("quit", -1, EnumSet.of(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, ALLOW_BUSY), 0, 0, 0,
                            ConnectionCommands::quit)
                    .doc("connection", "1.0.0", "Closes the connection.").acl(CONNECTION)
                    .deprecated("7.2.0", "just closing the connection");
            t.local("reset", 1, EnumSet.of(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, ALLOW_BUSY), 0, 0, 0,
                            ConnectionCommands::reset)
                    .doc("connection", "6.2.0", "Resets the connection.").acl(CONNECTION);
            t.local("readonly", 1, EnumSet.of(LOADING, STALE, FAST), 0, 0, 0, ConnectionCommands::readonly)
                    .doc("cluster", "3.0.0",
                            "Enables read-only queries for a connection to a Redis Cluster replica node.")
                    .acl(CONNECTION);
            t.local("readwrite", 1, EnumSet.of(LOADING, STALE, FAST), 0, 0, 0, ConnectionCommands::readwrite)
                    .doc("cluster", "3.0.0",
                            "Enables read-write queries for a connection to a Redis Cluster replica node.")
                    .acl(CONNECTION);

            // ---- transactions
            t.local("multi", 1, EnumSet.of(NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY), 0, 0, 0,
                            TransactionCommands::multi)
                    .doc("transactions", "1.2.0", "Starts a transaction.").acl(AclCategory.TRANSACTION);
            t.local("exec", 1, EnumSet.of(NOSCRIPT, LOADING, STALE, SKIP_SLOWLOG), 0, 0, 0, TransactionCommands::exec)
                    .doc("transactions", "1.2.0", "Executes all commands in a transaction.")
                    .complexity("Depends on commands in the transaction").acl(AclCategory.TRANSACTION);
            t.local("discard", 1, EnumSet.of(NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY), 0, 0, 0,
                            TransactionCommands::discard)
                    .doc("transactions", "2.0.0", "Discards a transaction.")
                    .complexity("O(N), when N is the number of queued commands").acl(AclCategory.TRANSACTION);
            t.local("watch", -2, EnumSet.of(NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY), 1, -1, 1,
                            TransactionCommands::watch)
                    .doc("transactions", "2.2.0", "Monitors changes to keys to determine the execution of a transaction.")
                    .complexity("O(1) for every key.").acl(AclCategory.TRANSACTION)
                    .keys(KeySpec.all("RO")).args("+key:key");
            t.local("unwatch", 1, EnumSet.of(NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY), 0, 0, 0,
                            TransactionCommands::unwatch)
                    .doc("transactions", "2.2.0", "Forgets about watched keys of a transaction.")
                    .complexity("O(1)").acl(AclCategory.TRANSACTION);

            // ---- pub/sub
            EnumSet<CommandFlag> subscribing = EnumSet.of(PUBSUB, NOSCRIPT, LOADING, STALE);
            t.local("subscribe", -2, subscribing, 0, 0, 0, PubSubCommands::subscribe)
                    .doc("pubsub", "2.0.0", "Listens for messages published to channels.")
                    .complexity("O(N) where N is the number of channels to subscribe to.")
                    .acl(AclCategory.PUBSUB).args("+channel:string");
            t.local("unsubscribe", -1, subscribing, 0, 0, 0, PubSubCommands::unsubscribe)
                    .doc("pubsub", "2.0.0", "Stops listening to messages posted to channels.")
                    .complexity("O(N) where N is the number of clients already subscribed to a channel.")
                    .acl(AclCategory.PUBSUB).args("?+channel:string");
            t.local("psubscribe", -2, subscribing, 0, 0, 0, PubSubCommands::psubscribe)
                    .doc("pubsub", "2.0.0", "Listens for messages published to channels that match one or more patterns.")
                    .complexity("O(N) where N is the number of patterns the client is already subscribed to.")
                    .acl(AclCategory.PUBSUB).args("+pattern:{pattern:pattern}");
            t.local("punsubscribe", -1, subscribing, 0, 0, 0, PubSubCommands::punsubscribe)
                    .doc("pubsub", "2.0.0", "Stops listening to messages published to channels that match one or more "
                            + "patterns.")
                    .complexity("O(N+M) where N is the number of patterns the client is already subscribed and M is "
                            + "the number of total patterns subscribed in the system (by any client).")
                    .acl(AclCategory.PUBSUB).args("?+pattern:pattern");
            t.write("publish", 3, EnumSet.of(PUBSUB, LOADING, STALE, FAST), 0, 0, 0, new PubSubCommands.Publish(false))
                    .doc("pubsub", "2.0.0", "Posts a message to a channel.")
                    .complexity("O(N+M) where N is the number of clients subscribed to the receiving channel and M is "
                            + "the total number of subscribed patterns (by any client).")
                    .acl(AclCategory.PUBSUB).args("channel:string message:string");
            t.local("pubsub", -2, EnumSet.noneOf(CommandFlag.class), 0, 0, 0, PubSubCommands::pubsub)
                    .doc("pubsub", "2.8.0", "A container for Pub/Sub commands.")
                    .complexity("Depends on subcommand.").subcommands(PubSubCommands.PUBSUB_TABLE);
            t.local("ssubscribe", -2, subscribing, 1, -1, 1, PubSubCommands::ssubscribe)
                    .doc("pubsub", "7.0.0", "Listens for messages published to shard channels.")
                    .complexity("O(N) where N is the number of shard channels to subscribe to.")
                    .acl(AclCategory.PUBSUB).keys(KeySpec.all("not_key")).args("+shardchannel:string");
            t.local("sunsubscribe", -1, subscribing, 1, -1, 1, PubSubCommands::sunsubscribe)
                    .doc("pubsub", "7.0.0", "Stops listening to messages posted to shard channels.")
                    .complexity("O(N) where N is the number of clients already subscribed to a shard channel.")
                    .acl(AclCategory.PUBSUB).keys(KeySpec.all("not_key")).args("?+shardchannel:string");
            t.write("spublish", 3, EnumSet.of(PUBSUB, LOADING, STALE, FAST), 1, 1, 1, new PubSubCommands.Publish(true))
                    .doc("pubsub", "7.0.0", "Post a message to a shard channel")
                    .complexity("O(N) where N is the number of clients subscribed to the receiving shard channel.")
                    .acl(AclCategory.PUBSUB).keys(KeySpec.single("not_key")).args("shardchannel:string message:string");

            // ---- scripting (see ScriptCommands: EVAL/EVALSHA run from the log, the _RO forms as reads)
            EnumSet<CommandFlag> evalFlags = EnumSet.of(NOSCRIPT, STALE, SKIP_MONITOR, NO_MANDATORY_KEYS, MOVABLEKEYS);
            EnumSet<CommandFlag> evalRoFlags = EnumSet.of(READONLY, NOSCRIPT, STALE, SKIP_MONITOR, NO_MANDATORY_KEYS,
                    MOVABLEKEYS);
            String scriptComplexity = "Depends on the script that is executed.";
            t.write("eval", -3, evalFlags, 0, 0, 0, ScriptCommands.EVAL)
                    .doc("scripting", "2.6.0", "Execute a Lua script server side").complexity(scriptComplexity)
                    .acl(AclCategory.SCRIPTING).args("script:string numkeys:integer ?+key:key ?+arg:string");
            t.write("evalsha", -3, evalFlags, 0, 0, 0, ScriptCommands.EVALSHA)
                    .doc("scripting", "2.6.0", "Execute a Lua script server side").complexity(scriptComplexity)
                    .acl(AclCategory.SCRIPTING).args("sha1:string numkeys:integer ?+key:key ?+arg:string");
            t.read("eval_ro", -3, evalRoFlags, 0, 0, 0, ScriptCommands::evalRo)
                    .doc("scripting", "7.0.0", "Execute a read-only Lua script server side")
                    .complexity(scriptComplexity).acl(AclCategory.SCRIPTING)
                    .args("script:string numkeys:integer ?+key:key ?+arg:string");
            t.read("evalsha_ro", -3, evalRoFlags, 0, 0, 0, ScriptCommands::evalshaRo)
                    .doc("scripting", "7.0.0", "Execute a read-only Lua script server side")
                    .complexity(scriptComplexity).acl(AclCategory.SCRIPTING)
                    .args("sha1:string numkeys:integer ?+key:key ?+arg:string");
            t.local("script", -2, EnumSet.noneOf(CommandFlag.class), 0, 0, 0, ScriptCommands::script)
                    .doc("scripting", "2.6.0", "A container for Lua scripts management commands")
                    .complexity("Depends on subcommand.").subcommands(ScriptCommands.SCRIPT);

            // ---- server
            t.local("command", -1, EnumSet.of(LOADING, STALE), 0, 0, 0, ServerCommands::command)
                    .doc("server", "2.8.13", "Returns detailed information about all commands.")
                    .complexity("O(N) where N is the total number of Redis commands").acl(CONNECTION)
                    .tips("nondeterministic_output_order").subcommands(ServerCommands.COMMAND);
            t.local("info", -1, EnumSet.of(LOADING, STALE), 0, 0, 0, ServerCommands::info)
                    .doc("server", "1.0.0", "Returns information and statistics about the server.")
                    .acl(DANGEROUS)
                    .tips("nondeterministic_output", "request_policy:all_shards", "response_policy:special")
                    .args("?+section:string");
            t.local("config", -2, EnumSet.noneOf(CommandFlag.class), 0, 0, 0, ConfigCommands::config)
                    .doc("server", "2.0.0", "A container for server configuration commands.")
                    .complexity("Depends on subcommand.").subcommands(ConfigCommands.CONFIG);
            t.local("acl", -2, EnumSet.noneOf(CommandFlag.class), 0, 0, 0, AclCommands::acl)
                    .doc("server", "6.0.0", "A container for Access List Control commands.")
                    .complexity("Depends on subcommand.").subcommands(AclCommands.ACL);
            t.local("time", 1, EnumSet.of(LOADING, STALE, FAST), 0, 0, 0, ServerCommands::time)
                    .doc("server", "2.6.0", "Returns the server time.").tips("nondeterministic_output");
            t.local("shutdown", -1, EnumSet.of(ADMIN, NOSCRIPT, LOADING, STALE, NO_MULTI, ALLOW_BUSY), 0, 0, 0,
                            ServerCommands::shutdown)
                    .doc("server", "1.0.0", "Synchronously saves the database(s) to disk and shuts down the Redis server.")
                    .complexity("O(N) when saving, where N is the total number of keys in all databases when saving data, otherwise O(1)")
                    .acl(DANGEROUS)
                    .args("?save-selector:(NOSAVE|SAVE) ?NOW ?FORCE ?ABORT");
            t.local("memory", -2, EnumSet.noneOf(CommandFlag.class), 0, 0, 0, MemoryCommands::memory)
                    .doc("server", "4.0.0", "A container for memory diagnostics commands.")
                    .complexity("Depends on subcommand.").subcommands(MemoryCommands.MEMORY);
            t.local("slowlog", -2, EnumSet.noneOf(CommandFlag.class), 0, 0, 0, SlowlogCommands::slowlog)
                    .doc("server", "2.2.12", "A container for slow log commands.")
                    .complexity("Depends on subcommand.").subcommands(SlowlogCommands.SLOWLOG);
            t.local("latency", -2, EnumSet.noneOf(CommandFlag.class), 0, 0, 0, LatencyCommands::latency)
                    .doc("server", "2.8.13", "A container for latency diagnostics commands.")
                    .complexity("Depends on subcommand.").subcommands(LatencyCommands.LATENCY);
            t.local("wait", 3, EnumSet.of(NOSCRIPT), 0, 0, 0, ServerCommands::waitReplicas)
                    .doc("generic", "3.0.0", "Blocks until the asynchronous replication of all preceding write "
                            + "commands sent by the connection is completed.")
                    .complexity("O(1)").acl(CONNECTION)
                    .tips("request_policy:all_shards", "response_policy:agg_min")
                    .args("numreplicas:integer timeout:integer");

            // ---- cluster administration (Redraft's own)
            EnumSet<CommandFlag> admin = EnumSet.of(ADMIN, NOSCRIPT);
            t.local("bootstrap", 3, admin, 0, 0, 0, ClusterCommands::bootstrap)
                    .doc("cluster", "0.1.0", "Creates a new single-member Raft group on this node.")
                    .args("id:string raft-address:string");
            t.local("join", 3, admin, 0, 0, 0, ClusterCommands::join)
                    .doc("cluster", "0.1.0", "Adds a node to the Raft group.")
                    .args("id:string raft-address:string");
            t.local("remove", 2, admin, 0, 0, 0, ClusterCommands::remove)
                    .doc("cluster", "0.1.0", "Removes a node from the Raft group.").args("id:string");
            t.local("leader", 1, admin, 0, 0, 0, ClusterCommands::leader)
                    .doc("cluster", "0.1.0", "Returns the current Raft leader.");
            t.local("nodes", 1, admin, 0, 0, 0, ClusterCommands::nodes)
                    .doc("cluster", "0.1.0", "Lists the members of the Raft group.");
            t.local("snapshot", 1, admin, 0, 0, 0, ClusterCommands::snapshot)
                    .doc("cluster", "0.1.0", "Takes a Raft snapshot of this node's state now.");
            return t.build();
        }
    }

    /** Looks a command up by name, case-insensitively; null when unknown. */
    public CommandSpec lookup(byte[] name) {
        return byBytes.get(name);
    }

    public CommandSpec lookup(String name) {
        return byName.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Looks a command up by its full name, "get" or "client|setname" (as COMMAND INFO/DOCS take
     * them); null when unknown.
     */
    public CommandSpec lookupFullName(String fullName) {
        int bar = fullName.indexOf('|');
        if (bar < 0) {
            return lookup(fullName);
        }
        CommandTable sub = subcommands(lookup(fullName.substring(0, bar)));
        String rest = fullName.substring(bar + 1);
        return sub == null || rest.indexOf('|') >= 0 ? null : sub.lookup(rest);
    }

    /**
     * Resolves a request the way Redis's lookupCommand does: a container with a second argument
     * resolves to the subcommand (null if unknown), otherwise to the command itself.
     */
    public CommandSpec lookupCommand(byte[][] argv, int from) {
        if (argv.length <= from) {
            return null;
        }
        CommandSpec base = lookup(argv[from]);
        CommandTable sub = subcommands(base);
        if (sub == null || argv.length - from < 2) {
            return base;
        }
        return sub.lookup(argv[from + 1]);
    }

    /** The metadata of a row of this table or of one of its containers' subcommands. */
    public CommandInfo info(CommandSpec spec) {
        String name = spec.name();
        int bar = name.indexOf('|');
        if (bar >= 0) {
            CommandTable sub = subcommands(lookup(name.substring(0, bar)));
            if (sub != null) {
                CommandInfo info = sub.infos.get(name.substring(bar + 1));
                if (info != null) {
                    return info;
                }
            }
            CommandInfo own = infos.get(name.substring(bar + 1));
            return own != null ? own : CommandInfo.EMPTY;
        }
        CommandInfo info = infos.get(name);
        return info != null ? info : CommandInfo.EMPTY;
    }

    /** A container command's subcommand table, or null. */
    public CommandTable subcommands(CommandSpec spec) {
        if (spec == null) {
            return null;
        }
        CommandInfo info = info(spec);
        return info.subcommands();
    }

    public Collection<CommandSpec> all() {
        return byName.values();
    }

    public int size() {
        return byName.size();
    }

    public static final class Builder {
        private final Map<String, Row> rows = new LinkedHashMap<>();
        private Row last;

        private static final class Row {
            CommandSpec spec;
            String group = "generic";
            String since = "0.0.0";
            String summary = "";
            String complexity = "O(1)";
            Set<AclCategory> acl = EnumSet.noneOf(AclCategory.class);
            List<String> tips = List.of();
            List<KeySpec> keySpecs = List.of();
            List<CommandArg> args = List.of();
            List<String> docFlags = List.of();
            String deprecatedSince;
            String replacedBy;
            CommandTable subcommands;

            CommandInfo info() {
                return new CommandInfo(group, since, summary, complexity, Collections.unmodifiableSet(acl), tips,
                        keySpecs, args, docFlags, deprecatedSince, replacedBy, subcommands);
            }
        }

        public Builder write(String name, int arity, EnumSet<CommandFlag> flags, int firstKey, int lastKey,
                             int step, Handler.Write handler) {
            return add(name, arity, flags, firstKey, lastKey, step, handler);
        }

        public Builder read(String name, int arity, EnumSet<CommandFlag> flags, int firstKey, int lastKey,
                            int step, Handler.Read handler) {
            return add(name, arity, flags, firstKey, lastKey, step, handler);
        }

        public Builder local(String name, int arity, EnumSet<CommandFlag> flags, int firstKey, int lastKey,
                             int step, Handler.Local handler) {
            return add(name, arity, flags, firstKey, lastKey, step, handler);
        }

        private Builder add(String name, int arity, EnumSet<CommandFlag> flags, int firstKey, int lastKey,
                            int step, Handler handler) {
            Row row = new Row();
            row.spec = new CommandSpec(name, arity, Collections.unmodifiableSet(EnumSet.copyOf(flags)), firstKey,
                    lastKey, step, handler);
            put(shortName(name), row);
            return this;
        }

        /** Adds {@code alias} as a row with exactly the same handler and metadata as {@code of}. */
        public Builder alias(String alias, String of) {
            Row target = rows.get(of);
            if (target == null) {
                throw new IllegalStateException("alias of unknown command " + of);
            }
            Row row = new Row();
            CommandSpec s = target.spec;
            row.spec = new CommandSpec(alias, s.arity(), s.flags(), s.firstKey(), s.lastKey(), s.step(), s.handler());
            row.group = target.group;
            row.since = target.since;
            row.summary = target.summary;
            row.complexity = target.complexity;
            row.acl = target.acl;
            row.tips = target.tips;
            row.keySpecs = target.keySpecs;
            row.args = target.args;
            row.docFlags = target.docFlags;
            row.deprecatedSince = target.deprecatedSince;
            row.replacedBy = target.replacedBy;
            row.subcommands = target.subcommands;
            put(shortName(alias), row);
            return this;
        }

        private void put(String key, Row row) {
            if (rows.put(key, row) != null) {
                throw new IllegalStateException("duplicate command " + row.spec.name());
            }
            last = row;
        }

        private static String shortName(String name) {
            return name.substring(name.lastIndexOf('|') + 1);
        }

        private Row last() {
            if (last == null) {
                throw new IllegalStateException("no row to describe yet");
            }
            return last;
        }

        /** COMMAND DOCS group ("string", "generic", "connection", "server", "cluster"...), since and summary. */
        public Builder doc(String group, String since, String summary) {
            Row r = last();
            r.group = group;
            r.since = since;
            r.summary = summary;
            return this;
        }

        public Builder complexity(String complexity) {
            last().complexity = complexity;
            return this;
        }

        /** Declared ACL categories; the flag-implied ones (@write, @read, @fast/@slow...) are added. */
        public Builder acl(AclCategory... categories) {
            Row r = last();
            r.acl = EnumSet.noneOf(AclCategory.class);
            Collections.addAll(r.acl, categories);
            return this;
        }

        /** Command tips as COMMAND INFO reports them, lowercase ("request_policy:all_shards"). */
        public Builder tips(String... tips) {
            last().tips = List.of(tips);
            return this;
        }

        public Builder keys(KeySpec... specs) {
            last().keySpecs = List.of(specs);
            return this;
        }

        /** Arguments in {@link CommandArg}'s notation. */
        public Builder args(String notation) {
            last().args = CommandArg.parse(notation);
            return this;
        }

        public Builder deprecated(String since, String replacedBy) {
            Row r = last();
            r.docFlags = List.of("deprecated");
            r.deprecatedSince = since;
            r.replacedBy = replacedBy;
            return this;
        }

        public Builder subcommands(CommandTable table) {
            last().subcommands = table;
            return this;
        }

        public CommandTable build() {
            Map<String, CommandSpec> specs = new LinkedHashMap<>();
            Map<String, CommandInfo> infos = new LinkedHashMap<>();
            for (Map.Entry<String, Row> e : rows.entrySet()) {
                specs.put(e.getKey(), e.getValue().spec);
                infos.put(e.getKey(), e.getValue().info());
            }
            return new CommandTable(specs, infos);
        }
    }

    /** Names of every row, subcommands as "container|sub", in table order (COMMAND LIST). */
    public List<String> fullNames() {
        List<String> names = new ArrayList<>();
        for (CommandSpec spec : byName.values()) {
            names.add(spec.name());
            CommandTable sub = subcommands(spec);
            if (sub != null) {
                names.addAll(sub.fullNames());
            }
        }
        return names;
    }
}
