package org.aivaluechain.edgar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A calendar quarter of FSDS filing dates, named as the SEC names its zips ({@code 2025q1}). The data sets start
 * with 2009q1; a quarter's zip is published a few days after the quarter ends.
 */
public record FsdsQuarter(int year, int quarter) implements Comparable<FsdsQuarter> {

    private static final Pattern QUARTER = Pattern.compile("(\\d{4})[qQ]([1-4])");
    static final FsdsQuarter FIRST = new FsdsQuarter(2009, 1);

    public FsdsQuarter {
        if (quarter < 1 || quarter > 4) {
            throw new IllegalArgumentException("quarter " + quarter + " is not 1-4");
        }
    }

    /** @throws IllegalArgumentException for anything but {@code yyyyqN} */
    public static FsdsQuarter parse(String text) {
        Matcher m = QUARTER.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a quarter like 2025q1");
        }
        return new FsdsQuarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /**
     * The quarters of {@code 2025q1:2026q3} (inclusive) or of a single {@code 2025q1}, oldest first.
     *
     * @throws IllegalArgumentException for a malformed or reversed range, or one starting before 2009q1
     */
    public static List<FsdsQuarter> range(String text) {
        String[] ends = text.split(":", -1);
        if (ends.length > 2) {
            throw new IllegalArgumentException("'" + text + "' is not a quarter range like 2025q1:2026q3");
        }
        FsdsQuarter from = parse(ends[0]);
        FsdsQuarter to = ends.length == 2 ? parse(ends[1]) : from;
        if (to.compareTo(from) < 0) {
            throw new IllegalArgumentException("range " + text + " ends before it starts");
        }
        if (from.compareTo(FIRST) < 0) {
            throw new IllegalArgumentException("the Financial Statement Data Sets start with " + FIRST);
        }
        List<FsdsQuarter> quarters = new ArrayList<>();
        for (FsdsQuarter q = from; q.compareTo(to) <= 0; q = q.next()) {
            quarters.add(q);
        }
        return quarters;
    }

    /** The last quarter that has ended on {@code today}: the newest one the SEC may have published. */
    public static FsdsQuarter lastEndedBefore(LocalDate today) {
        return new FsdsQuarter(today.getYear(), (today.getMonthValue() - 1) / 3 + 1).previous();
    }

    public FsdsQuarter next() {
        return quarter == 4 ? new FsdsQuarter(year + 1, 1) : new FsdsQuarter(year, quarter + 1);
    }

    public FsdsQuarter previous() {
        return quarter == 1 ? new FsdsQuarter(year - 1, 4) : new FsdsQuarter(year, quarter - 1);
    }

    @Override
    public int compareTo(FsdsQuarter o) {
        return Integer.compare(year * 4 + quarter, o.year * 4 + o.quarter);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%dq%d", year, quarter);
    }
}
