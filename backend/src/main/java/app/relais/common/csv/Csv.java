package app.relais.common.csv;

import java.util.List;

/**
 * RFC 4180 rows, safe to open in a spreadsheet: a cell that could start a formula (= + - @ tab CR) is prefixed
 * with a single quote. A strict E.164 number ("+33612345678") is data, not a formula, and is kept as is so that
 * an exported file can be imported again. Shared by the campaign and contact exports.
 */
public final class Csv {

    /** Byte order mark: lets Excel (French locale) read UTF-8. */
    public static final String BOM = "\uFEFF";

    private Csv() {
    }

    /** A row separated by commas, ended by CRLF. */
    public static String row(List<String> cells) {
        return row(cells, ',');
    }

    /** A row separated by {@code separator} (',' or ';'), ended by CRLF. */
    public static String row(List<String> cells, char separator) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(separator);
            }
            sb.append(cell(cells.get(i)));
        }
        return sb.append("\r\n").toString();
    }

    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = value;
        char first = v.charAt(0);
        // A phone number "+229…" is data, not a formula: keep it readable, quote everything else risky.
        boolean phone = v.matches("\\+[0-9]{7,15}");
        if (!phone && (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r')) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0
                || v.indexOf(';') >= 0) {
            v = '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
