package org.aivaluechain.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The table registry is the one list of tables: schemas/, the README and `run --help` must agree with it. */
class TablesTest {

    @Test
    void registryNamesExactlyTheDdlFilesOfSchemas() throws IOException {
        Set<String> ddl;
        try (Stream<Path> files = Files.walk(Path.of("schemas"))) {
            ddl = files.filter(f -> f.toString().endsWith(".sql"))
                    .map(f -> f.getParent().getFileName() + "." + f.getFileName().toString().replace(".sql", ""))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(ddl, new TreeSet<>(Tables.all()));
        assertEquals(Tables.all().size(), Set.copyOf(Tables.all()).size(), "a table is registered twice");
    }

    @Test
    void readmeNamesEveryTable() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        List<String> missing = Tables.all().stream().filter(t -> !readme.contains(t.substring(t.indexOf('.') + 1)))
                .toList();
        assertEquals(List.of(), missing, "tables the README does not mention");
    }

    @Test
    void runHelpListsEveryTable() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = System.out;
        System.setOut(new java.io.PrintStream(out, true));
        try {
            org.aivaluechain.cli.ValueChainCli.execute("run", "--help");
        } finally {
            System.setOut(stdout);
        }
        String help = out.toString().replaceAll("\\s+", " ");
        List<String> missing = Tables.all().stream().filter(t -> !help.contains(t)).toList();
        assertEquals(List.of(), missing, "tables `run --help` does not list:\n" + help);
    }

    @Test
    void wavesFollowFromWhatEachStepReads() {
        List<Step> steps = List.of(
                Step.table("gold.b", List.of("silver.a", "mid"), in -> null),
                Step.intermediate("mid", List.of("silver.a"), in -> null),
                Step.table("silver.a", List.of("bronze.external"), in -> null),
                Step.table("gold.c", List.of("gold.b"), in -> null),
                Step.table("silver.d", List.of(), in -> null));
        assertEquals(List.of(List.of("silver.a", "silver.d"), List.of("gold.b"), List.of("gold.c")),
                Waves.of(steps, List.of("bronze.external")));
    }

    @Test
    void aStepReadingSomethingNobodyWritesIsAnError() {
        List<Step> steps = List.of(Step.table("gold.b", List.of("silver.missing"), in -> null));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Waves.of(steps, List.of()));
        assertTrue(e.getMessage().contains("silver.missing"), e.getMessage());
    }

    @Test
    void theRunWritesInThreeWaves() {
        List<List<String>> waves = Waves.of(Tables.RUN, Tables.INGESTED);
        assertEquals(3, waves.size(), waves.toString());
        assertTrue(waves.get(0).contains("silver.companies") && waves.get(1).contains("silver.quarterly_financials")
                && waves.get(2).contains("gold.claim_checks"), waves.toString());
    }
}
