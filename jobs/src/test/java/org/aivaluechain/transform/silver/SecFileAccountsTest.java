package org.aivaluechain.transform.silver;

import static org.aivaluechain.testing.Frames.assertFrame;
import static org.aivaluechain.testing.Frames.frame;
import static org.aivaluechain.testing.Frames.row;

import org.aivaluechain.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedSpark.class)
class SecFileAccountsTest {

    @Test
    void everyFactOfAFileIsPlacedUnplacedAnotherTagOrQuarantined() {
        var counts = frame("source_file STRING, outcome STRING, facts BIGINT",
                row("a.json", SecPeriods.PLACED, 30L),
                row("a.json", SecPeriods.SUPERSEDED_BY_PERIODIC_FORM, 1L),
                row("a.json", SecPeriods.SPAN_NOT_A_QUARTER_YTD_OR_YEAR, 2L),
                row("a.json", SecPeriods.NOT_A_METRIC_TAG, 100L),
                row("b.zip", SecPeriods.NOT_A_METRIC_TAG, 7L));
        // c.json: unreadable as a whole, one quarantine row and no facts
        var quarantine = frame("source_file STRING, reason STRING",
                row("a.json", "value is not a number"), row("c.json", "not JSON"));
        // a.json: 30 + (1 + 2) + 100 + 1 = 134
        assertFrame(SecFileAccounts.perFile(counts, quarantine),
                "source_file STRING, read BIGINT, placed BIGINT, unplaced BIGINT, other_tags BIGINT, quarantined BIGINT",
                row("a.json", 134L, 30L, 3L, 100L, 1L),
                row("b.zip", 7L, 0L, 0L, 7L, 0L),
                row("c.json", 1L, 0L, 0L, 0L, 1L));
    }
}
