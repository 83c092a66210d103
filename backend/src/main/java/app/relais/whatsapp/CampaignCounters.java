package app.relais.whatsapp;

import app.relais.messages.MessageStatus;

/**
 * Which campaign counter a message's current status counts in: sent = sent, delivered or read;
 * delivered = delivered or read; read = read; failed = failed or undelivered. A status move adds the
 * difference, so a message moving failed → delivered leaves failed_count and enters delivered_count.
 */
public final class CampaignCounters {

    private CampaignCounters() {
    }

    public static int sent(MessageStatus s) {
        return s == MessageStatus.SENT || s == MessageStatus.DELIVERED || s == MessageStatus.READ ? 1 : 0;
    }

    public static int delivered(MessageStatus s) {
        return s == MessageStatus.DELIVERED || s == MessageStatus.READ ? 1 : 0;
    }

    public static int read(MessageStatus s) {
        return s == MessageStatus.READ ? 1 : 0;
    }

    public static int failed(MessageStatus s) {
        return s != null && s.isFinalFailure() ? 1 : 0;
    }
}
