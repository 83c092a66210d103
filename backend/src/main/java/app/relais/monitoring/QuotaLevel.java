package app.relais.monitoring;

/** Alert levels of the daily quota: OK < 75% ≤ ATTENTION < 90% ≤ DANGER < 100% = BLOCKED. */
public enum QuotaLevel {
    OK, ATTENTION, DANGER, BLOCKED;

    public static QuotaLevel of(long used, long limit) {
        if (limit <= 0 || used >= limit) {
            return BLOCKED;
        }
        if (used * 100 >= limit * 90L) {
            return DANGER;
        }
        if (used * 100 >= limit * 75L) {
            return ATTENTION;
        }
        return OK;
    }
}
