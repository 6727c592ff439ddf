package org.aivaluechain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.aivaluechain.io.InputFileException;
import org.aivaluechain.testing.CliRun;
import org.aivaluechain.testing.CliRun.Captured;
import org.aivaluechain.testing.SampleWarehouse;
import org.aivaluechain.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Option defaults from a properties file (flag > file > built-in default) and what --help documents. */
@ExtendWith(SharedSpark.class)
class CliOptionsTest {

    @Test
    void theConfigFileIsTheFlagElseTheEnvironmentVariableElseTheDefaultFileIfPresent(@TempDir Path dir)
            throws IOException {
        Path flag = Files.writeString(dir.resolve("flag.properties"), "");
        Path fromEnvironment = Files.writeString(dir.resolve("env.properties"), "");
        Map<String, String> environment = Map.of(ConfigFile.ENVIRONMENT_VARIABLE, fromEnvironment.toString());
        String[] withFlag = {"sql", "--config", flag.toString(), "-e", "SELECT 1"};
        String[] withoutFlag = {"sql", "-e", "SELECT 1"};

        assertEquals(Optional.of(flag), ConfigFile.locate(withFlag, environment, dir));
        assertEquals(Optional.of(flag), ConfigFile.locate(new String[] {"sql", "--config=" + flag}, environment, dir));
        assertEquals(Optional.of(fromEnvironment), ConfigFile.locate(withoutFlag, environment, dir));
        assertEquals(Optional.empty(), ConfigFile.locate(withoutFlag, Map.of(), dir));
        Path byDefault = Files.writeString(dir.resolve(ConfigFile.DEFAULT_FILE), "");
        assertEquals(Optional.of(byDefault), ConfigFile.locate(withoutFlag, Map.of(), dir));
        assertEquals(Optional.of(fromEnvironment), ConfigFile.locate(withoutFlag, environment, dir));

        InputFileException missing = assertThrows(InputFileException.class, () -> ConfigFile.locate(
                withoutFlag, Map.of(ConfigFile.ENVIRONMENT_VARIABLE, dir.resolve("nope").toString()), dir));
        assertEquals("config file not found: " + dir.resolve("nope") + " (from $VALUECHAIN_CONF)", missing.getMessage());
    }

    @Test
    void aFlagBeatsTheFileAndACommandKeyBeatsAPlainKey(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("valuechain.properties"), String.join("\n",
                "# the warehouse comes from the file only",
                "warehouse = " + SampleWarehouse.path().toAbsolutePath(),
                "format = json",
                "sql.format = csv",
                "sql.max-rows = 1") + "\n");
        String query = "SELECT ticker, revenue FROM silver.quarterly_financials WHERE ticker = 'NVDA' "
                + "AND period_end = DATE'2024-10-27'";

        Captured fromFile = CliRun.cli("sql", "--config", config.toString(), "-e", query);
        assertEquals(ExitCodes.OK, fromFile.exit(), fromFile.err());
        assertEquals("ticker,revenue\nNVDA,35082.0000\n", fromFile.out());

        Captured flagWins = CliRun.cli("sql", "--config=" + config, "--format", "json", "-e", query);
        assertEquals(ExitCodes.OK, flagWins.exit(), flagWins.err());
        assertEquals("{\"ticker\":\"NVDA\",\"revenue\":35082.0000}\n", flagWins.out());

        Captured help = CliRun.cli("sql", "--config", config.toString(), "--help");
        assertTrue(help.out().contains("(default: csv)"), "help shows the defaults in effect:\n" + help.out());
        assertTrue(help.out().contains("(default: 1)"), help.out());
    }

    @Test
    void anUnknownKeyOrAMissingFileIsOneLineAndExitCode3(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("typo.properties"), "fromat=csv\n");
        Captured typo = CliRun.cli("sql", "--config", config.toString(), "-e", "SELECT 1");
        assertEquals(ExitCodes.INPUT_ERROR, typo.exit());
        assertTrue(typo.err().startsWith("valuechain: config file " + config + ": unknown key 'fromat' (known: "),
                typo.err());
        assertTrue(typo.err().contains(" format, ") && typo.err().contains(" history, "), typo.err());
        assertEquals(1, typo.err().lines().count(), typo.err());

        Captured missing = CliRun.cli("serve", "--config", dir.resolve("nope.properties").toString());
        assertEquals(ExitCodes.INPUT_ERROR, missing.exit());
        assertEquals("valuechain: config file not found: " + dir.resolve("nope.properties") + " (from --config)\n",
                missing.err());
    }

    @Test
    void everyCommandsHelpDocumentsEachOptionAndTheExitCodes() {
        CommandLine root = new CommandLine(new ValueChainCli());
        for (String command : new String[] {"run", "sql", "serve", "report", "ingest sec-companyfacts",
                "ingest sec-fsds"}) {
            String[] path = command.split(" ");
            Captured help = CliRun.cli(java.util.stream.Stream.concat(java.util.Arrays.stream(path),
                    java.util.stream.Stream.of("--help")).toArray(String[]::new));
            assertEquals(ExitCodes.OK, help.exit(), help.err());
            CommandLine spec = root;
            for (String p : path) {
                spec = spec.getSubcommands().get(p);
            }
            for (OptionSpec option : spec.getCommandSpec().options()) {
                // a negatable option shows as --[no-]name
                String name = option.longestName().replaceFirst("^-+", "");
                assertTrue(help.out().contains(name), command + " --help lacks " + option.longestName());
                assertFalse(String.join("", option.description()).isBlank(), command + " " + option.longestName());
            }
            assertTrue(help.out().contains("Exit codes:\n  0   success\n"), command + " --help:\n" + help.out());
            assertTrue(help.out().contains("Precedence: flag > config file > built-in default."), help.out());
        }
    }
}
