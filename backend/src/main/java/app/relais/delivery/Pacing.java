package app.relais.delivery;

import java.util.UUID;

/** A campaign's own pacing: at most that many messages per second, spaced at least minDelayMs, batches with pauses. */
public record Pacing(UUID campaignId, String campaignStatus, String messageStatus, String kind, Double messagesPerSecond,
        Integer minDelayMs, Integer batchSize, Integer batchPauseSeconds) {

    /** Spacing between two Message 1 of this campaign, 0 when the campaign sets none. */
    public long intervalMs() {
        long fromRate = messagesPerSecond == null || messagesPerSecond <= 0 ? 0 : (long) Math.ceil(1000.0 / messagesPerSecond);
        long fromDelay = minDelayMs == null ? 0 : minDelayMs;
        return Math.max(fromRate, fromDelay);
    }

    public boolean paced() {
        return intervalMs() > 0 || (batchSize != null && batchPauseSeconds != null && batchPauseSeconds > 0);
    }
}
