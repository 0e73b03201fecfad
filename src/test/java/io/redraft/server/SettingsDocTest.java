package io.redraft.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/CONFIGURATION.md describes every setting of the table, as the table defines it. */
class SettingsDocTest {

    @Test
    void everySettingHasARowInConfigurationMd() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("docs/CONFIGURATION.md"));
        for (Setting<?> s : Settings.ALL) {
            String row = lines.stream().filter(l -> l.startsWith("| `" + s.flag() + " ") || l.startsWith("| `"
                    + s.flag() + "`")).findFirst().orElse(null);
            assertNotNull(row, "docs/CONFIGURATION.md has no table row for " + s.flag());
            String[] cells = row.split("\\|");
            // cells: "", flag, YAML key, CONFIG name, default, CONFIG SET, meaning
            assertTrue(cells[2].contains("`" + s.key()), s.key() + ": YAML key in " + row);
            assertEquals("`" + s.configName() + "`", cells[3].strip(), s.key() + ": CONFIG name in " + row);
            assertTrue(cells[4].contains(s.defaultText()), s.key() + ": default " + s.defaultText() + " in " + row);
            assertEquals(s.runtimeSettable() ? "yes" : "no", cells[5].strip(), s.key() + ": CONFIG SET in " + row);
        }
    }

    @Test
    void readmeListsTheSpecFlagsAndPointsToTheFullList() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (Setting<?> s : List.of(Settings.ID, Settings.REDIS_ADDR, Settings.RAFT_ADDR, Settings.DATA_DIR,
                Settings.BOOTSTRAP, Settings.JOIN)) {
            assertTrue(readme.contains("| `" + s.flag()), s.flag() + " in README's flag table");
        }
        assertTrue(readme.contains("docs/CONFIGURATION.md"));
    }
}
