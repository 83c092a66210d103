package app.relais.delivery;

/** How much of the daily quota is used: OK < 75% ≤ ATTENTION < 90% ≤ DANGER < 100% = BLOCKED. */
public enum QuotaLevel {
    OK, ATTENTION, DANGER, BLOCKED;

    public static QuotaLevel of(long used, long limit) {
        if (used >= limit) {
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
