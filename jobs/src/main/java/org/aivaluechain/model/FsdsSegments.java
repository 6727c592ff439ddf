package org.aivaluechain.model;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.split;

import org.apache.spark.sql.Column;

/** FSDS num.txt {@code segments} values (axis=member pairs, e.g. {@code BusinessSegments=GoogleCloud;}). */
public final class FsdsSegments {

    private FsdsSegments() {
    }

    /**
     * An FSDS {@code segments} value as a comparable key: its axis=member pairs sorted and joined with ";", without
     * {@code ConsolidationItems=OperatingSegments} ("" for the whole entity). num.txt does not keep one pair order
     * (the SEC's 2010q2 data set has {@code LegalEntity=...;EquityComponents=...;} next to
     * {@code ClassOfStock=...;EquityComponents=...;}), and filers tag a segment's own amount with or without
     * srt:ConsolidationItemsAxis = us-gaap:OperatingSegmentsMember (FSDS: {@code ConsolidationItems=OperatingSegments});
     * eliminations and reconciling items keep their pair and so never match a segment.
     */
    public static Column key(Column segments) {
        Column pairs = filter(split(segments, ";"),
                pair -> pair.notEqual("").and(pair.notEqual("ConsolidationItems=OperatingSegments")));
        return array_join(array_sort(pairs), ";");
    }
}
