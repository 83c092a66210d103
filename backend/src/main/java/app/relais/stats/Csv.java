package app.relais.stats;

import java.util.List;

/** Kept for the stats code: the helper now lives in {@link app.relais.common.csv.Csv}. */
public final class Csv {

    private Csv() {
    }

    public static String row(List<String> cells) {
        return app.relais.common.csv.Csv.row(cells);
    }

    public static String cell(String value) {
        return app.relais.common.csv.Csv.cell(value);
    }
}
