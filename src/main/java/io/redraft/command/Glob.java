package io.redraft.command;

/** Redis's glob-style matcher (stringmatchlen): {@code * ? [abc] [^a-z] \x}. */
final class Glob {

    private Glob() {
    }

    static boolean matches(byte[] pattern, byte[] string, boolean nocase) {
        return match(pattern, 0, string, 0, nocase, 0);
    }

    private static boolean match(byte[] p, int pi, byte[] s, int si, boolean nocase, int depth) {
        if (depth > 1000) {
            return false; // pathological pattern; Redis also bounds its recursion
        }
        while (pi < p.length && si <= s.length) {
            byte c = p[pi];
            if (c == '*') {
                while (pi + 1 < p.length && p[pi + 1] == '*') {
                    pi++;
                }
                if (pi + 1 == p.length) {
                    return true;
                }
                for (int k = si; k <= s.length; k++) {
                    if (match(p, pi + 1, s, k, nocase, depth + 1)) {
                        return true;
                    }
                }
                return false;
            }
            if (si == s.length) {
                return false;
            }
            if (c == '?') {
                pi++;
                si++;
                continue;
            }
            if (c == '[') {
                pi++;
                boolean not = pi < p.length && p[pi] == '^';
                if (not) {
                    pi++;
                }
                boolean found = false;
                while (pi < p.length && p[pi] != ']') {
                    if (p[pi] == '\\' && pi + 1 < p.length) {
                        pi++;
                        if (eq(p[pi], s[si], nocase)) {
                            found = true;
                        }
                    } else if (pi + 2 < p.length && p[pi + 1] == '-') {
                        int start = fold(p[pi], nocase);
                        int end = fold(p[pi + 2], nocase);
                        if (start > end) {
                            int t = start;
                            start = end;
                            end = t;
                        }
                        int ch = fold(s[si], nocase);
                        if (ch >= start && ch <= end) {
                            found = true;
                        }
                        pi += 2;
                    } else if (eq(p[pi], s[si], nocase)) {
                        found = true;
                    }
                    pi++;
                }
                if (not) {
                    found = !found;
                }
                if (!found) {
                    return false;
                }
                pi++; // past ']' (or the end)
                si++;
                continue;
            }
            if (c == '\\' && pi + 1 < p.length) {
                pi++;
                c = p[pi];
            }
            if (!eq(c, s[si], nocase)) {
                return false;
            }
            pi++;
            si++;
        }
        while (pi < p.length && p[pi] == '*') {
            pi++;
        }
        return pi == p.length && si == s.length;
    }

    private static boolean eq(byte a, byte b, boolean nocase) {
        return fold(a, nocase) == fold(b, nocase);
    }

    private static int fold(byte b, boolean nocase) {
        int c = b & 0xff;
        return nocase && c >= 'A' && c <= 'Z' ? c + 32 : c;
    }
}
