package org.aivaluechain.io;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Pattern;

import org.aivaluechain.model.Amounts;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * One column of a curated input file: its name, how a field is parsed, and whether it may be empty.
 * Parsing failures are reported as a reason string so the row can be quarantined, never dropped.
 */
public record ColumnSpec(String name, Kind kind, boolean required, Set<String> allowed, Pattern pattern) {

    public enum Kind { STRING, INT, DECIMAL, DATE, BOOLEAN }

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
        return new ColumnSpec(name, Kind.STRING, true, Set.of(description), Pattern.compile(regex));
    }

    public DataType sparkType() {
        return switch (kind) {
            case STRING -> DataTypes.StringType;
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
            return kind == Kind.STRING ? "" : null;
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
        try {
            return switch (kind) {
                case STRING -> text;
                case INT -> Integer.valueOf(text);
                case DECIMAL -> new BigDecimal(text);
                case DATE -> java.sql.Date.valueOf(LocalDate.parse(text));
                case BOOLEAN -> parseBoolean(text);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + text + "' is not a number");
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " '" + text + "' is not a date (YYYY-MM-DD)");
        }
    }

    private Boolean parseBoolean(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(name + " '" + text + "' is not true or false");
        };
    }
}
