package org.aivaluechain.transform.silver;

import static org.aivaluechain.testing.Frames.assertFrame;
import static org.aivaluechain.testing.Frames.frame;
import static org.aivaluechain.testing.Frames.row;
import static org.aivaluechain.transform.silver.SecPeriodsTest.cf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.UnaryOperator;

import org.aivaluechain.io.sec.MetricTags;
import org.aivaluechain.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Resolving again only the filers whose facts changed gives the tables a resolution of everything gives. */
@ExtendWith(SharedSpark.class)
class SecResolutionScopeTest {

    private static final String SOURCES = "source_file STRING, source_checksum STRING, cik INT";
    private static final Dataset<Row> FILERS = frame("cik INT, ticker STRING", row(1045810, "NVDA"),
            row(1288776, "GOOGL"), row(1652044, "GOOGL"));

    @Test
    void aFilerIsResolvedAgainWhenAFileOfItsIsNewChangedOrGoneAndSoIsEveryCikOfItsTicker() {
        Dataset<Row> previous = frame(SOURCES,
                row("q.zip", "s1", 1045810), row("q.zip", "s1", 320193),   // unchanged
                row("b.json", "s2", 1652044),                               // re-ingested with another checksum
                row("c.json", "s3", 789019),                                // gone from bronze
                row("e.zip", "s5", 111), row("e.zip", "s5", 222));          // replaced by a file without 222
        Dataset<Row> current = frame(SOURCES,
                row("q.zip", "s1", 1045810), row("q.zip", "s1", 320193),
                row("b.json", "s9", 1652044),
                row("d.json", "s4", 333),                                   // new
                row("e.zip", "s6", 111));
        // 1652044 changed, and 1288776 files for the same ticker (GOOGL); 789019 gone; 333 new; 111 and 222 replaced
        assertFrame(SecResolutionScope.changedFilers(previous, current, FILERS).orderBy("cik"), "cik INT",
                row(111), row(222), row(333), row(789019), row(1288776), row(1652044));
    }

    @Test
    void theSourcesOfBronzeArePerFileAndFiler() {
        Dataset<Row> facts = frame("source_file STRING, source_checksum STRING, cik INT, value INT",
                row("q.zip", "s1", 1, 10), row("q.zip", "s1", 1, 11), row("q.zip", "s1", 2, 12),
                row("a.json", "s2", 1, 13));
        assertFrame(SecResolutionScope.sources(facts).orderBy("source_file", "cik"), SOURCES,
                row("a.json", "s2", 1), row("q.zip", "s1", 1), row("q.zip", "s1", 2));
    }

    @Test
    void mergedKeepsTheOtherFilersRowsInTheTablesColumnOrder() {
        Dataset<Row> previous = frame("entity_id STRING, cik INT, value INT",
                row("NVDA", 1045810, 10), row("GOOGL", 1652044, 20), row("GOOGL", 1288776, 30));
        Dataset<Row> rebuilt = frame("cik INT, value INT, entity_id STRING", row(1652044, 21, "GOOGL"));
        Dataset<Row> changed = frame("cik INT", row(1652044), row(1288776));
        assertFrame(SecResolutionScope.merged(previous, rebuilt, changed).orderBy("cik"),
                "entity_id STRING, cik INT, value INT", row("NVDA", 1045810, 10), row("GOOGL", 1652044, 21));
    }

    @Test
    void resolvingTheChangedFilerAgainEqualsResolvingEveryone() {
        // NVIDIA's real FY2026 revenue (sample-data/sec/companyfacts) and Alphabet's 2023 net income as in SecPeriodsTest;
        // the update brings NVIDIA's second-quarter 10-Q
        List<Object[]> before = List.of(
                cf(1045810, "Revenues", "2025-01-27", "2025-04-27", 44062000000L, "0001045810-25-000116", "10-Q", "2025-05-28"),
                cf(1652044, "NetIncomeLoss", "2023-01-01", "2023-12-31", 73795000000L, "10k", "10-K", "2024-02-01"),
                // the proxy repeating it: unplaced (superseded by the 10-K)
                cf(1652044, "NetIncomeLoss", "2023-01-01", "2023-12-31", 73795000000L, "def14a", "DEF 14A", "2024-04-20"));
        List<Object[]> after = new java.util.ArrayList<>(before);
        after.add(cf(1045810, "Revenues", "2025-04-28", "2025-07-27", 46743000000L, "0001045810-25-000209", "10-Q", "2025-08-27"));
        after.add(cf(1045810, "Revenues", "2025-01-27", "2025-07-27", 90805000000L, "0001045810-25-000209", "10-Q", "2025-08-27"));
        after.add(cf(1045810, "Revenues", "2025-07-28", "2025-10-26", 57006000000L, "0001045810-25-000230", "10-Q", "2025-11-19"));
        Dataset<Row> changed = frame("cik INT", row(1045810));

        // silver.sec_period_values; the unplaced facts and placement counts are merged by the same function
        UnaryOperator<Dataset<Row>> resolution =
                f -> SecPeriods.build(f, MetricTags.load(SharedSpark.spark()), FILERS, companies());
        Dataset<Row> everyone = resolution.apply(facts(after));
        Dataset<Row> incremental = SecResolutionScope.merged(resolution.apply(facts(before)),
                resolution.apply(SecResolutionScope.ofFilers(facts(after), changed)), changed);
        assertEquals(sorted(everyone), sorted(incremental));
        // NVIDIA gains its second and third quarters and its first half (USD millions); Alphabet's year is kept
        assertEquals(List.of("GOOGL FY 73795", "NVDA H1 90805", "NVDA Q1 44062", "NVDA Q2 46743", "NVDA Q3 57006"),
                incremental.selectExpr("concat_ws(' ', entity_id, fiscal_period, CAST(CAST(value AS BIGINT) AS STRING))")
                        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList().stream().sorted().toList());
    }

    private static Dataset<Row> companies() {
        return frame("ticker STRING, fiscal_year_end_month STRING", row("NVDA", "1"), row("GOOGL", "12"));
    }

    private static Dataset<Row> facts(List<Object[]> rows) {
        return frame(SecPeriodsTest.SEC_FACTS, rows.toArray(Object[][]::new));
    }

    private static List<String> sorted(Dataset<Row> rows) {
        return rows.collectAsList().stream().map(Row::toString).sorted().toList();
    }
}
