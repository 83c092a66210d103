package app.relais.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.hibernate.Session;
import java.util.UUID;

/**
 * Starts a run of a campaign inside the caller's transaction: the conditional status change (of two
 * racing starts exactly one changes the row, the other sees it changed) and every Message 1 row
 * (recipients of all its categories, each contact once, opted-out contacts excluded) commit together.
 */
@ApplicationScoped
public class CampaignStarter {

    /** Contacts of the campaign's categories; a contact in three of them is still one id (IN is a semi-join). */
    public static final String CATEGORY_RECIPIENTS = "SELECT cc.contact_id FROM category_contacts cc"
            + " JOIN campaign_categories k ON k.category_id = cc.category_id WHERE k.campaign_id = ?";

    public enum Outcome { STARTED, NOT_STARTABLE, NO_RECIPIENTS }

    /** count: the Message 1 rows written (not yet on the stream: wake the {@link StreamFeeder} after commit). */
    public record Result(Outcome outcome, int runNumber, int count) {
    }

    private final EntityManager em;
    private final DeliveryQueue queue;

    public CampaignStarter(EntityManager em, DeliveryQueue queue) {
        this.em = em;
        this.queue = queue;
    }

    /**
     * draft|scheduled → sending (scheduledOnly: scheduled whose time came), run 1 to the categories'
     * contacts. On NO_RECIPIENTS the caller rolls back.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Result startFirstRun(UUID campaignId, boolean scheduledOnly) {
        String condition = scheduledOnly ? "status = 'scheduled' AND scheduled_at <= now()" : "status IN ('draft', 'scheduled')";
        Integer runNumber = returningInt("UPDATE campaigns SET status = 'sending', launched_at = now(),"
                + " failure_window_from = now(), pause_reason = NULL, paused_at = NULL, updated_at = now(), version = version + 1 WHERE id = ? AND "
                + condition + " RETURNING run_number", campaignId, null);
        if (runNumber == null) {
            return new Result(Outcome.NOT_STARTABLE, 0, 0);
        }
        int count = queue.insertMessage1(campaignId, runNumber, categoryRecipients(campaignId));
        if (count == 0) {
            return new Result(Outcome.NO_RECIPIENTS, runNumber, 0);
        }
        returningInt("UPDATE campaigns SET recipients_count = " + count + " WHERE id = ? RETURNING run_number",
                campaignId, null);
        return new Result(Outcome.STARTED, runNumber, count);
    }

    /**
     * A new run (retry-failed, relaunch) for the contacts chosen by {@code recipientsSql} (its one
     * parameter: the campaign id), from one of {@code fromStatuses} to sending.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Result startNewRun(UUID campaignId, List<String> fromStatuses, String recipientsSql) {
        Integer runNumber = returningInt("UPDATE campaigns SET status = 'sending', run_number = run_number + 1,"
                + " failure_window_from = now(), pause_reason = NULL, paused_at = NULL, completed_at = NULL, stopped_at = NULL, updated_at = now(),"
                + " version = version + 1 WHERE id = ? AND status = ANY (?) RETURNING run_number", campaignId,
                fromStatuses.toArray(String[]::new));
        if (runNumber == null) {
            return new Result(Outcome.NOT_STARTABLE, 0, 0);
        }
        int count = queue.insertMessage1(campaignId, runNumber, recipientsSql);
        return new Result(count == 0 ? Outcome.NO_RECIPIENTS : Outcome.STARTED, runNumber, count);
    }

    /**
     * {@link #CATEGORY_RECIPIENTS} with the campaign's category ids written into the query. With the ids
     * in its text the planner estimates the recipients from the categories' own statistics (100,000
     * members: a merge or hash join with contacts); through the join with campaign_categories it guessed
     * 3,500 and chose 100,000 index lookups, 1.2 s more for a 100,000-recipient launch. The ids are UUIDs
     * read from the database, so the text is safe to inline.
     */
    String categoryRecipients(UUID campaignId) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("SELECT category_id FROM campaign_categories WHERE campaign_id = ?1")
                .setParameter(1, campaignId).getResultList();
        // Hand-picked contacts join the categories' members (the launch's IN deduplicates them).
        String picked = em.createNativeQuery("SELECT 1 FROM campaign_contacts WHERE campaign_id = ?1 LIMIT 1")
                .setParameter(1, campaignId).getResultList().isEmpty() ? ""
                        : "SELECT pc.contact_id FROM campaign_contacts pc WHERE pc.campaign_id = '"
                                + UUID.fromString(campaignId.toString()) + "'::uuid";
        if (ids.isEmpty()) {
            return picked.isEmpty() ? CATEGORY_RECIPIENTS : picked;
        }
        StringBuilder sql = new StringBuilder("SELECT cc.contact_id FROM category_contacts cc WHERE cc.category_id = ANY ('{");
        for (int i = 0; i < ids.size(); i++) {
            sql.append(i == 0 ? "" : ",").append(UUID.fromString(ids.get(i).toString()));
        }
        sql.append("}'::uuid[])");
        return picked.isEmpty() ? sql.toString() : sql.append(" UNION ALL ").append(picked).toString();
    }

    private Integer returningInt(String sql, UUID id, String[] statuses) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, id);
                if (statuses != null) {
                    ps.setArray(2, c.createArrayOf("text", statuses));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : null;
                }
            }
        });
    }
}
