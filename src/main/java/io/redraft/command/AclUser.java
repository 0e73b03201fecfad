package io.redraft.command;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One ACL user as Redis 7 has it (without selectors): on/off, passwords (SHA-256, as Redis stores
 * them), key patterns with read/write permissions, channel patterns, and the commands it may run
 * as a bitmap by {@link AclCommandIds command id}, so the per-command check is one bit test.
 *
 * <p>Rules apply in order ({@link #apply}); {@link #describe} gives the canonical rule text that
 * rebuilds an equal user, which is what the replicated {@link io.redraft.store.AclTable} stores.
 */
public final class AclUser {
    /** Key pattern permissions. */
    static final int READ = 1;
    static final int WRITE = 2;

    record KeyPattern(String pattern, int perms) {
        String describe() {
            return (perms == (READ | WRITE) ? "~" : perms == READ ? "%R~" : "%W~") + pattern;
        }
    }

    private final String name;
    private boolean enabled;
    private boolean nopass;
    private boolean sanitizePayload;
    private boolean skipSanitizePayload;
    private final LinkedHashSet<String> passwords = new LinkedHashSet<>();
    private final List<KeyPattern> keys = new ArrayList<>();
    private boolean allKeys;
    private final List<String> channels = new ArrayList<>();
    private boolean allChannels;
    /** Command rules since the last +@all/-@all, which {@link #describe} lists after it. */
    private final List<String> commandRules = new ArrayList<>();
    private boolean startsFromAll;
    private final BitSet commands = new BitSet();

    /** A new user as Redis 7 creates it: off, no passwords, no keys, no channels, no commands. */
    AclUser(String name) {
        this.name = name;
    }

    /** A user from its stored rule text. */
    static AclUser parse(String name, String rules) {
        AclUser user = new AclUser(name);
        if (!rules.isEmpty()) {
            for (String rule : rules.split(" ")) {
                String error = user.apply(rule);
                if (error != null) {
                    throw new IllegalStateException("stored ACL rule '" + rule + "' of " + name + ": " + error);
                }
            }
        }
        return user;
    }

    AclUser copy() {
        return parse(name, describeRules());
    }

    public String name() {
        return name;
    }

    public boolean enabled() {
        return enabled;
    }

    public boolean nopass() {
        return nopass;
    }

    /**
     * Applies one ACL SETUSER rule; returns null, or Redis's reason the rule is refused (the text
     * after "Error in ACL SETUSER modifier '...': ").
     */
    String apply(String rule) {
        String lower = rule.toLowerCase(Locale.ROOT);
        if (rule.isEmpty() || rule.indexOf(' ') >= 0 || rule.indexOf('\n') >= 0 || rule.indexOf('\r') >= 0) {
            return "Syntax error";
        }
        switch (lower) {
            case "on" -> enabled = true;
            case "off" -> enabled = false;
            case "nopass" -> {
                nopass = true;
                passwords.clear();
            }
            case "resetpass" -> {
                nopass = false;
                passwords.clear();
            }
            case "sanitize-payload" -> {
                sanitizePayload = true;
                skipSanitizePayload = false;
            }
            case "skip-sanitize-payload" -> {
                skipSanitizePayload = true;
                sanitizePayload = false;
            }
            case "allkeys" -> allKeys();
            case "resetkeys" -> {
                allKeys = false;
                keys.clear();
            }
            case "allchannels" -> {
                allChannels = true;
                channels.clear();
            }
            case "resetchannels" -> {
                allChannels = false;
                channels.clear();
            }
            case "allcommands", "+@all" -> allCommands(true);
            case "nocommands", "-@all" -> allCommands(false);
            case "reset" -> {
                apply("resetpass");
                apply("resetkeys");
                apply("resetchannels");
                apply("off");
                apply("sanitize-payload");
                apply("-@all");
            }
            default -> {
                return applyPatternOrCommand(rule);
            }
        }
        return null;
    }

    private String applyPatternOrCommand(String rule) {
        char c = rule.charAt(0);
        if (c == '>' || c == '<') {
            String hash = sha256(rule.substring(1));
            if (c == '>') {
                passwords.add(hash);
                nopass = false;
            } else if (!passwords.remove(hash)) {
                return "The password you are trying to remove from the user does not exist";
            }
            return null;
        }
        if (c == '#' || c == '!') {
            String hash = rule.substring(1);
            if (!isSha256Hex(hash)) {
                return "The password hash must be exactly 64 characters and contain only lowercase hexadecimal "
                        + "characters";
            }
            if (c == '#') {
                passwords.add(hash);
                nopass = false;
            } else if (!passwords.remove(hash)) {
                return "The password you are trying to remove from the user does not exist";
            }
            return null;
        }
        if (c == '~' || c == '%') {
            return addKeyPattern(rule);
        }
        if (c == '&') {
            if (allChannels) {
                return "Adding a pattern after the * pattern (or the 'allchannels' flag) is not valid and does not "
                        + "have any effect. Try 'resetchannels' to start with an empty list of channels";
            }
            String pattern = rule.substring(1);
            if (pattern.equals("*")) {
                allChannels = true;
                channels.clear();
            } else if (!channels.contains(pattern)) {
                channels.add(pattern);
            }
            return null;
        }
        if (c == '+' || c == '-') {
            return applyCommandRule(rule);
        }
        return "Syntax error";
    }

    private String addKeyPattern(String rule) {
        int perms = READ | WRITE;
        int tilde = 0;
        if (rule.charAt(0) == '%') {
            tilde = rule.indexOf('~');
            if (tilde < 2) {
                return "Syntax error";
            }
            perms = 0;
            for (int i = 1; i < tilde; i++) {
                char p = Character.toUpperCase(rule.charAt(i));
                if (p == 'R') {
                    perms |= READ;
                } else if (p == 'W') {
                    perms |= WRITE;
                } else {
                    return "Syntax error";
                }
            }
        }
        if (allKeys) {
            return "Adding a pattern after the * pattern (or the 'allkeys' flag) is not valid and does not have any "
                    + "effect. Try 'resetkeys' to start with an empty list of patterns";
        }
        String pattern = rule.substring(tilde + 1);
        if (pattern.equals("*") && perms == (READ | WRITE)) {
            allKeys();
            return null;
        }
        KeyPattern added = new KeyPattern(pattern, perms);
        if (!keys.contains(added)) {
            keys.add(added);
        }
        return null;
    }

    private void allKeys() {
        allKeys = true;
        keys.clear();
    }

    private void allCommands(boolean on) {
        startsFromAll = on;
        commandRules.clear();
        AclCommandIds ids = AclCommandIds.standard();
        commands.clear();
        if (on) {
            commands.set(0, ids.size());
        }
    }

    private String applyCommandRule(String rule) {
        boolean allow = rule.charAt(0) == '+';
        String target = rule.substring(1).toLowerCase(Locale.ROOT);
        AclCommandIds ids = AclCommandIds.standard();
        BitSet affected;
        if (target.startsWith("@")) {
            AclCategory category = AclCommandIds.category(target.substring(1));
            if (category == null) {
                return "Unknown command or category name in ACL";
            }
            affected = ids.inCategory(category);
        } else {
            affected = ids.commandAndSubcommands(target);
            if (affected == null) {
                return "Unknown command or category name in ACL";
            }
        }
        if (allow) {
            commands.or(affected);
        } else {
            commands.andNot(affected);
        }
        String normalized = (allow ? "+" : "-") + target;
        commandRules.remove(normalized);
        commandRules.add(normalized);
        return null;
    }

    // ---------------------------------------------------------------- checks

    /** All commands, keys and channels: nothing to check. */
    boolean unrestricted() {
        return allKeys && allChannels && commands.cardinality() == AclCommandIds.standard().size();
    }

    boolean hasAllKeys() {
        return allKeys;
    }

    boolean canRun(int commandId) {
        return commands.get(commandId);
    }

    /** Whether a key may be accessed with the given {@link #READ}/{@link #WRITE} needs (0: any pattern will do). */
    boolean canAccessKey(byte[] key, int needs) {
        if (allKeys) {
            return true;
        }
        for (KeyPattern p : keys) {
            if ((p.perms & needs) == needs && Glob.matches(p.pattern.getBytes(StandardCharsets.UTF_8), key, false)) {
                return true;
            }
        }
        return false;
    }

    /** Channels match the patterns as globs; a PSUBSCRIBE pattern must equal one of them literally. */
    boolean canAccessChannel(byte[] channel, boolean isPattern) {
        if (allChannels) {
            return true;
        }
        for (String p : channels) {
            byte[] pattern = p.getBytes(StandardCharsets.UTF_8);
            if (isPattern ? java.util.Arrays.equals(pattern, channel) : Glob.matches(pattern, channel, false)) {
                return true;
            }
        }
        return false;
    }

    boolean checkPassword(byte[] password) {
        if (nopass) {
            return true;
        }
        return passwords.contains(sha256(password));
    }

    // ---------------------------------------------------------------- descriptions

    /** The rules that rebuild this user, as ACL LIST shows them after "user name ". */
    public String describeRules() {
        List<String> out = new ArrayList<>(flags());
        for (String p : passwords) {
            out.add("#" + p);
        }
        String keyText = describeKeys();
        if (!keyText.isEmpty()) {
            out.add(keyText);
        }
        out.add(allChannels ? "&*" : ("resetchannels" + (channels.isEmpty() ? "" : " " + describeChannels())));
        out.add(describeCommands());
        return String.join(" ", out);
    }

    List<String> flags() {
        List<String> flags = new ArrayList<>();
        flags.add(enabled ? "on" : "off");
        if (nopass) {
            flags.add("nopass");
        }
        if (sanitizePayload) {
            flags.add("sanitize-payload");
        }
        if (skipSanitizePayload) {
            flags.add("skip-sanitize-payload");
        }
        return flags;
    }

    Set<String> passwordHashes() {
        return passwords;
    }

    String describeKeys() {
        if (allKeys) {
            return "~*";
        }
        List<String> out = new ArrayList<>();
        for (KeyPattern p : keys) {
            out.add(p.describe());
        }
        return String.join(" ", out);
    }

    String describeChannels() {
        if (allChannels) {
            return "&*";
        }
        List<String> out = new ArrayList<>();
        for (String c : channels) {
            out.add("&" + c);
        }
        return String.join(" ", out);
    }

    String describeCommands() {
        StringBuilder b = new StringBuilder(startsFromAll ? "+@all" : "-@all");
        for (String r : commandRules) {
            b.append(' ').append(r);
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- passwords

    static String sha256(String password) {
        return sha256(password.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(password));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isSha256Hex(String s) {
        if (s.length() != 64) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
