package app.relais.campaigns;

import java.util.Set;

/** draft → scheduled → sending ⇄ paused → completed | stopped. */
public final class CampaignStatus {

    public static final String DRAFT = "draft";
    public static final String SCHEDULED = "scheduled";
    public static final String SENDING = "sending";
    public static final String PAUSED = "paused";
    public static final String COMPLETED = "completed";
    public static final String STOPPED = "stopped";
    public static final Set<String> ALL = Set.of(DRAFT, SCHEDULED, SENDING, PAUSED, COMPLETED, STOPPED);

    private CampaignStatus() {
    }
}
