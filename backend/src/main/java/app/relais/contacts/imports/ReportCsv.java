package app.relais.contacts.imports;

/** Cells of the report CSV (; separated), safe to open in a spreadsheet. */
final class ReportCsv {

    private ReportCsv() {
    }

    /**
     * A cell starting with = + - @ tab or CR is prefixed with ' so no spreadsheet runs it as a formula;
     * a cell with the separator, a quote or a line break is quoted.
     */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = value;
        char first = v.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            v = "'" + v;
        }
        if (v.indexOf(';') >= 0 || v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0
                || v.indexOf('\r') >= 0) {
            v = '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
