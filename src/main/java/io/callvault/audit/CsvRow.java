package io.callvault.audit;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * One line of RFC 4180 CSV. A text cell that a spreadsheet would read as a formula (it starts with = + - @, a tab or
 * a carriage return) is written with a leading apostrophe: the access log holds what clients sent (call ids,
 * reasons), and an export must not run it when an auditor opens the file.
 */
final class CsvRow {

    private CsvRow() {
    }

    static String of(Object... cells) {
        return Arrays.stream(cells).map(CsvRow::cell).collect(Collectors.joining(",", "", "\r\n"));
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (value instanceof CharSequence && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
