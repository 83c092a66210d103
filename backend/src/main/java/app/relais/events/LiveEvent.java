package app.relais.events;

/**
 * One live event: its id (the Redis Stream entry id, "millis-seq", increasing), its type
 * (message.status, message.inbound, campaign.progress, quota.level, resync) and its JSON payload.
 */
public record LiveEvent(String id, String type, String json) {

    /** Orders two stream ids; a malformed id sorts first. */
    public static int compareIds(String a, String b) {
        long[] x = parse(a);
        long[] y = parse(b);
        int c = Long.compare(x[0], y[0]);
        return c != 0 ? c : Long.compare(x[1], y[1]);
    }

    public static boolean isValidId(String id) {
        return id != null && id.matches("[0-9]{1,19}-[0-9]{1,19}");
    }

    private static long[] parse(String id) {
        if (!isValidId(id)) {
            return new long[] { -1, -1 };
        }
        int dash = id.indexOf('-');
        return new long[] { Long.parseLong(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1)) };
    }
}
