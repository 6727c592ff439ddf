package org.aivaluechain.edgar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class FsdsQuarterTest {

    @Test
    void aRangeListsEveryQuarterAcrossYearEnds() {
        assertEquals(List.of("2025q3", "2025q4", "2026q1"),
                FsdsQuarter.range("2025q3:2026q1").stream().map(FsdsQuarter::toString).toList());
        assertEquals(List.of("2010q2"), FsdsQuarter.range("2010Q2").stream().map(FsdsQuarter::toString).toList());
    }

    @Test
    void malformedReversedOrTooEarlyRangesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> FsdsQuarter.range("2025q5"));
        assertThrows(IllegalArgumentException.class, () -> FsdsQuarter.range("2025q2:2025q1"));
        assertThrows(IllegalArgumentException.class, () -> FsdsQuarter.range("2008q4:2009q2"));
        assertThrows(IllegalArgumentException.class, () -> FsdsQuarter.range("2025q1:2025q2:2025q3"));
    }

    @Test
    void theLatestCandidateIsTheLastQuarterThatHasEnded() {
        assertEquals("2026q3", FsdsQuarter.lastEndedBefore(LocalDate.of(2026, 11, 30)).toString());
        assertEquals("2025q4", FsdsQuarter.lastEndedBefore(LocalDate.of(2026, 1, 1)).toString());
        assertEquals("2026q1", FsdsQuarter.lastEndedBefore(LocalDate.of(2026, 6, 30)).toString());
    }
}
