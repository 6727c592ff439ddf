package org.aivaluechain.cli;

import java.util.ArrayList;
import java.util.List;

/** Splits SQL text into statements on ';' outside quotes and comments. */
final class SqlStatements {

    private SqlStatements() {
    }

    static List<String> split(String text) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                current.append(c);
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
                current.append(c);
            } else if (c == '-' && i + 1 < text.length() && text.charAt(i + 1) == '-') {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end;
                current.append('\n');
            } else if (c == ';') {
                add(statements, current);
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        add(statements, current);
        return statements;
    }

    /** True when the text ends a statement (a ';' outside quotes), for the interactive shell. */
    static boolean complete(String text) {
        String stripped = text.strip();
        return stripped.endsWith(";") && split(stripped + "\n").size() >= 1 && !insideQuote(stripped);
    }

    private static boolean insideQuote(String text) {
        char quote = 0;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            }
        }
        return quote != 0;
    }

    private static void add(List<String> statements, StringBuilder current) {
        String s = current.toString().strip();
        if (!s.isEmpty()) {
            statements.add(s);
        }
    }
}
