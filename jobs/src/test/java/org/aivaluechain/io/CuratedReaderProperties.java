package org.aivaluechain.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.aivaluechain.io.InputDamage.Case;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Every curated reader on randomly damaged real rows of sample-data: the only exception that may escape is an
 * {@link InputFileException} with a one-line message, every record of the file is accounted for (read = loaded +
 * quarantined, read counted by commons-csv alone), and a loaded row holds only values the tables can take.
 * No Spark: 150 tries take a few seconds.
 */
class CuratedReaderProperties {

    /** Each curated input file of the sample with its column specs. */
    record Input(String path, List<ColumnSpec> columns) {
    }

    static final List<Input> INPUTS = List.of(
            new Input("companies.csv", CuratedInputs.COMPANIES),
            new Input("segments.csv", CuratedInputs.SEGMENTS),
            new Input("fx_rates.csv", CuratedInputs.FX_RATES),
            new Input("company_ciks.csv", CuratedInputs.COMPANY_CIKS),
            new Input("facts/core.csv", CuratedInputs.FACTS),
            new Input("facts/ext.csv", CuratedInputs.FACTS),
            new Input("reference/sec_segment_members.csv", CuratedInputs.SEC_SEGMENT_MEMBERS),
            new Input("reference/depreciation_parameters.csv", CuratedInputs.DEPRECIATION_PARAMETERS),
            new Input("reference/parties.csv", DealInputs.PARTIES),
            new Input("reference/deals.csv", DealInputs.DEALS),
            new Input("reference/capex_guidance.csv", AnalystInputs.CAPEX_GUIDANCE),
            new Input("claims.csv", AnalystInputs.CLAIMS));

    private static final BigDecimal DECIMAL_LIMIT = new BigDecimal("1e16");

    private Path dir;

    @BeforeProperty
    void createDir() throws IOException {
        dir = Files.createTempDirectory("damaged-inputs");
    }

    @AfterProperty
    void deleteDir() throws IOException {
        InputDamage.delete(dir);
    }

    @Provide
    Arbitrary<Input> inputs() {
        return Arbitraries.of(INPUTS);
    }

    @Provide
    Arbitrary<Case> cases() {
        return InputDamage.cases(8);
    }

    @Property(tries = 150)
    void everyRecordIsLoadedOrQuarantinedOrTheFileIsRefusedInOneLine(@ForAll("inputs") Input input,
                                                                     @ForAll("cases") Case damage) throws IOException {
        String text = InputDamage.apply(InputDamage.records(InputDamage.SAMPLE.resolve(input.path())), damage);
        Path file = dir.resolve("damaged.csv");
        Files.writeString(file, text);
        long records = InputDamage.recordCount(text);
        ParsedFile parsed;
        try {
            parsed = CsvFileReader.read(file, input.columns());
        } catch (InputFileException e) {
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            return;
        }
        assertTrue(records >= 0, "commons-csv refuses this file, the reader loaded it:\n" + text);
        assertEquals(records, parsed.rowsRead(), text);
        for (Object[] row : parsed.rows()) {
            for (int i = 0; i < input.columns().size(); i++) {
                assertFits(input.columns().get(i), row[i]);
            }
        }
        for (QuarantinedRecord r : parsed.rejects()) {
            assertFalse(r.rawRecord().contains("\0"), r.rawRecord());
            assertFalse(r.reason().isEmpty());
        }
    }

    /** A loaded value converts to its Spark type without rounding or overflow, and holds no NUL. */
    private static void assertFits(ColumnSpec column, Object value) {
        if (value instanceof BigDecimal d) {
            assertTrue(d.abs().compareTo(DECIMAL_LIMIT) < 0 && d.stripTrailingZeros().scale() <= 4,
                    column.name() + " " + d);
        } else if (value instanceof java.sql.Date d) {
            int year = d.toLocalDate().getYear();
            assertTrue(year >= 1 && year <= 9999, column.name() + " " + d);
        } else if (value instanceof String s) {
            assertFalse(s.contains("\0"), column.name());
        }
    }
}
