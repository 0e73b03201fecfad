package io.redraft.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One argument of a command as COMMAND DOCS describes it (redis-cli builds its hints from these).
 * Written in the table with a compact notation, parsed by {@link #parse}:
 *
 * <pre>
 *   name:type                 a value, type one of string integer double key pattern unix-time
 *   TOKEN=name:type           a value preceded by a token, e.g. EX=seconds:integer
 *   TOKEN                     a pure token; its name is the token in lower case
 *   name:(a|b|c)              one of the alternatives ("oneof")
 *   name:{a b c}              a group of arguments ("block")
 *   prefix ? = optional, + = multiple, e.g. ?GET, +key:key, ?TOKEN=name:(a|b)
 * </pre>
 */
public record CommandArg(String name, String type, String token, boolean optional, boolean multiple,
                         List<CommandArg> subargs) {

    public static List<CommandArg> parse(String notation) {
        if (notation == null || notation.isBlank()) {
            return List.of();
        }
        Parser p = new Parser(notation);
        List<CommandArg> args = p.sequence('\0');
        return List.copyOf(args);
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        List<CommandArg> sequence(char end) {
            List<CommandArg> out = new ArrayList<>();
            while (true) {
                skipSpaces();
                if (pos >= s.length()) {
                    if (end != '\0') {
                        throw error("missing '" + end + "'");
                    }
                    return out;
                }
                if (s.charAt(pos) == end) {
                    pos++;
                    return out;
                }
                out.add(arg());
            }
        }

        List<CommandArg> alternatives() {
            List<CommandArg> out = new ArrayList<>();
            while (true) {
                skipSpaces();
                out.add(arg());
                skipSpaces();
                if (pos < s.length() && s.charAt(pos) == '|') {
                    pos++;
                    continue;
                }
                if (pos < s.length() && s.charAt(pos) == ')') {
                    pos++;
                    return out;
                }
                throw error("expected '|' or ')'");
            }
        }

        CommandArg arg() {
            boolean optional = false;
            boolean multiple = false;
            while (pos < s.length() && (s.charAt(pos) == '?' || s.charAt(pos) == '+')) {
                if (s.charAt(pos) == '?') {
                    optional = true;
                } else {
                    multiple = true;
                }
                pos++;
            }
            int start = pos;
            while (pos < s.length() && " (){}|".indexOf(s.charAt(pos)) < 0) {
                pos++;
            }
            String word = s.substring(start, pos);
            if (word.isEmpty()) {
                throw error("expected an argument");
            }
            String token = null;
            int eq = word.indexOf('=');
            if (eq > 0) {
                token = word.substring(0, eq);
                word = word.substring(eq + 1);
            }
            if (word.endsWith(":")) {
                String name = word.substring(0, word.length() - 1);
                if (pos < s.length() && s.charAt(pos) == '(') {
                    pos++;
                    return new CommandArg(name, "oneof", token, optional, multiple, List.copyOf(alternatives()));
                }
                if (pos < s.length() && s.charAt(pos) == '{') {
                    pos++;
                    return new CommandArg(name, "block", token, optional, multiple, List.copyOf(sequence('}')));
                }
                throw error("expected '(' or '{'");
            }
            int colon = word.indexOf(':');
            if (colon > 0) {
                return new CommandArg(word.substring(0, colon), word.substring(colon + 1), token, optional, multiple,
                        List.of());
            }
            return new CommandArg(word.toLowerCase(Locale.ROOT), "pure-token", word, optional, multiple, List.of());
        }

        void skipSpaces() {
            while (pos < s.length() && s.charAt(pos) == ' ') {
                pos++;
            }
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at " + pos + " in '" + s + "'");
        }
    }
}
