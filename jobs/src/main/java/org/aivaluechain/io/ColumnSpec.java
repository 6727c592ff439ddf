package org.aivaluechain.io;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Pattern;

import org.aivaluechain.model.Amounts;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * One column of a curated input file: its name, how a field is parsed, whether it may be empty, and whether it
 * is part of the file's key (a reference row other files join on: a repeated key stops the run, see
 * {@link CsvFileReader}). Parsing failures are reported as a reason string so the row can be quarantined, never
 * dropped. This is the one place where the text of a field is checked: numbers must fit the amount type
 * ({@link Amounts#AMOUNT}), dates must exist on the calendar.
 */
public record ColumnSpec(String name, Kind kind, boolean required, Set<String> allowed, Pattern pattern, boolean key) {

    /**
     * STRING, INT, DECIMAL (DECIMAL(20,4)), DATE (YYYY-MM-DD), BOOLEAN, and DATE_OR_MONTH: a day YYYY-MM-DD or,
     * when the source gives only the month, YYYY-MM; checked here and kept as text, which
     * {@code transform.validation.DateOrMonth} turns into a date and its precision.
     */
    public enum Kind { STRING, INT, DECIMAL, DATE, BOOLEAN, DATE_OR_MONTH }

    private static final DecimalType DECIMAL_TYPE = (DecimalType) Amounts.AMOUNT;
    /** The largest magnitude DECIMAL(20,4) holds is below 10^16: 16 digits before the point. */
    private static final BigDecimal DECIMAL_LIMIT = BigDecimal.TEN.pow(DECIMAL_TYPE.precision() - DECIMAL_TYPE.scale());
    /** ISO dates with a four-digit year: java.time alone would also take +10000-01-01. */
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

    public ColumnSpec(String name, Kind kind, boolean required, Set<String> allowed, Pattern pattern) {
        this(name, kind, required, allowed, pattern, false);
    }

    public static ColumnSpec required(String name, Kind kind) {
        return new ColumnSpec(name, kind, true, Set.of(), null);
    }

    public static ColumnSpec optional(String name, Kind kind) {
        return new ColumnSpec(name, kind, false, Set.of(), null);
    }

    public static ColumnSpec oneOf(String name, boolean required, Set<String> allowed) {
        return new ColumnSpec(name, Kind.STRING, required, allowed, null);
    }

    /** A required text field that must match a regular expression, e.g. a calendar quarter like 2024Q3. */
    public static ColumnSpec matching(String name, String regex, String description) {
        return matching(name, true, regex, description);
    }

    /** A text field that must match a regular expression when given; {@code required} says whether it may be empty. */
    public static ColumnSpec matching(String name, boolean required, String regex, String description) {
        return new ColumnSpec(name, Kind.STRING, required, Set.of(description), Pattern.compile(regex));
    }

    /** The same column as part of the file's key. */
    public ColumnSpec asKey() {
        return new ColumnSpec(name, kind, required, allowed, pattern, true);
    }

    public DataType sparkType() {
        return switch (kind) {
            case STRING, DATE_OR_MONTH -> DataTypes.StringType;
            case INT -> DataTypes.IntegerType;
            case DECIMAL -> Amounts.AMOUNT;
            case DATE -> DataTypes.DateType;
            case BOOLEAN -> DataTypes.BooleanType;
        };
    }

    /** Parsed value (null for an empty optional field). Throws {@link IllegalArgumentException} with the reason. */
    public Object parse(String raw) {
        String text = raw == null ? "" : raw.trim();
        if (text.isEmpty()) {
            if (required) {
                throw new IllegalArgumentException(name + " is empty");
            }
            return kind == Kind.STRING || kind == Kind.DATE_OR_MONTH ? "" : null;
        }
        if (pattern != null) {
            if (!pattern.matcher(text).matches()) {
                throw new IllegalArgumentException(name + " '" + text + "' is not " + allowed.iterator().next());
            }
            return text;
        }
        if (!allowed.isEmpty() && !allowed.contains(text)) {
            throw new IllegalArgumentException(name + " '" + text + "' is not one of " + new java.util.TreeSet<>(allowed));
        }
        return switch (kind) {
            case STRING -> text;
            case INT -> parseInt(text);
            case DECIMAL -> parseDecimal(text);
            case DATE -> java.sql.Date.valueOf(parseDay(text, "a date (YYYY-MM-DD)"));
            case DATE_OR_MONTH -> parseDateOrMonth(text);
            case BOOLEAN -> parseBoolean(text);
        };
    }

    private Integer parseInt(String text) {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + text + "' is not a whole number");
        }
    }

    /** A number that DECIMAL(20,4) holds exactly: no rounding, no overflow, so nothing is altered in silence. */
    private BigDecimal parseDecimal(String text) {
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + text + "' is not a number");
        }
        if (value.abs().compareTo(DECIMAL_LIMIT) >= 0) {
            throw new IllegalArgumentException(name + " '" + text + "' is out of range for DECIMAL("
                    + DECIMAL_TYPE.precision() + "," + DECIMAL_TYPE.scale() + ") (at most "
                    + (DECIMAL_TYPE.precision() - DECIMAL_TYPE.scale()) + " digits before the point)");
        }
        if (value.stripTrailingZeros().scale() > DECIMAL_TYPE.scale()) {
            throw new IllegalArgumentException(name + " '" + text + "' has more than " + DECIMAL_TYPE.scale()
                    + " decimal places");
        }
        return value;
    }

    private LocalDate parseDay(String text, String expected) {
        if (!DAY.matcher(text).matches()) {
            throw new IllegalArgumentException(name + " '" + text + "' is not " + expected);
        }
        LocalDate day;
        try {
            // java.time's ISO format is strict: 2024-02-30 and 2024-13-01 are errors, not rolled over
            day = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " '" + text + "' is not " + expected);
        }
        if (day.getYear() < 1) {
            // ISO's year 0 is 1 BC, which java.sql.Date and Spark's DATE read differently
            throw new IllegalArgumentException(name + " '" + text + "' is not " + expected);
        }
        return day;
    }

    /** The text, once it is known to be a day that exists or a month. */
    private String parseDateOrMonth(String text) {
        String expected = "a date (YYYY-MM-DD) or a month (YYYY-MM)";
        if (MONTH.matcher(text).matches()) {
            try {
                YearMonth.parse(text);
                return text;
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(name + " '" + text + "' is not " + expected);
            }
        }
        parseDay(text, expected);
        return text;
    }

    private Boolean parseBoolean(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(name + " '" + text + "' is not true or false");
        };
    }
}
