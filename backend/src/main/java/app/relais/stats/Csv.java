package app.relais.stats;

import java.util.List;

/** RFC 4180 rows, safe to open in a spreadsheet: a cell that could start a formula is prefixed with '. */
public final class Csv {

    private Csv() {
    }

    public static String row(List<String> cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
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
