package app.relais.stats;

/** Milestone counts over a time range (see {@link Rates} for what each one means). */
public record Counts(long sent, long delivered, long read, long failed, long replied) {

    public static final Counts ZERO = new Counts(0, 0, 0, 0, 0);

    public long attempted() {
        return sent + failed;
    }

    public Counts plus(Counts o) {
        return new Counts(sent + o.sent, delivered + o.delivered, read + o.read, failed + o.failed, replied + o.replied);
    }
}
