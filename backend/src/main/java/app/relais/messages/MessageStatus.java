package app.relais.messages;

import java.util.Locale;

/**
 * A message's status. Outbound statuses only move forward by rank:
 * queued < sending < sent < failed/undelivered < delivered < read — a later delivered/read for the
 * same SID wins over failed (the handset got it). {@code received} is the status of inbound messages.
 */
public enum MessageStatus {
    QUEUED(0), SENDING(1), SENT(2), FAILED(3), UNDELIVERED(3), DELIVERED(4), READ(5), RECEIVED(0);

    private final int rank;

    MessageStatus(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinalFailure() {
        return this == FAILED || this == UNDELIVERED;
    }

    /** True when a message at {@code this} status may move to {@code next}. */
    public boolean canMoveTo(MessageStatus next) {
        return next.rank > this.rank;
    }

    /** Twilio's MessageStatus values; accepted/scheduled map to queued, canceled to failed. Null if unknown. */
    public static MessageStatus fromTwilio(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "accepted", "scheduled", "queued" -> QUEUED;
            case "sending" -> SENDING;
            case "sent" -> SENT;
            case "delivered", "partially_delivered" -> DELIVERED;
            case "read" -> READ;
            case "failed", "canceled" -> FAILED;
            case "undelivered" -> UNDELIVERED;
            case "received", "receiving" -> RECEIVED;
            default -> null;
        };
    }

    public static MessageStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
