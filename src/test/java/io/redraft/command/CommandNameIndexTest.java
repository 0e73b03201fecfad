package io.redraft.command;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class CommandNameIndexTest {
    private static final CommandTable TABLE = CommandTable.standard();

    @Test
    void everyCommandAndSubcommandIsFoundInAnyCase() {
        int checked = 0;
        for (CommandSpec spec : TABLE.all()) {
            checked += checkAllCases(TABLE, spec, spec.name());
            CommandTable sub = TABLE.subcommands(spec);
            if (sub != null) {
                for (CommandSpec s : sub.all()) {
                    checked += checkAllCases(sub, s, s.name().substring(s.name().indexOf('|') + 1));
                }
            }
        }
        assertTrue(checked > 600, "checked " + checked);
    }

    private static int checkAllCases(CommandTable table, CommandSpec spec, String name) {
        assertSame(spec, table.lookup(bytes(name)), name);
        assertSame(spec, table.lookup(bytes(name.toUpperCase(Locale.ROOT))), name);
        StringBuilder mixed = new StringBuilder(name);
        for (int i = 0; i < mixed.length(); i += 2) {
            mixed.setCharAt(i, Character.toUpperCase(mixed.charAt(i)));
        }
        assertSame(spec, table.lookup(bytes(mixed.toString())), mixed.toString());
        return 3;
    }

    @Test
    void otherNamesAreUnknown() {
        for (String name : new String[] {"", "ge", "gett", "get ", "xyzzy", "GET\u0000", "sét", "g\u00c9t"}) {
            assertNull(TABLE.lookup(bytes(name)), name);
        }
        assertNull(TABLE.lookup(new byte[] {(byte) 0xC7, 'E', 'T'}));
        // one case fold only: '@' and '`' are 0x20 apart but are not letters
        assertNull(TABLE.lookup(bytes("s@t")));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
