package app.relais.campaigns;

import app.relais.common.config.PricingConfig;
import app.relais.delivery.DailyQuota;
import app.relais.delivery.DeliveryEngine;
import app.relais.delivery.QuotaResponse;
import app.relais.delivery.VariableRenderer;
import app.relais.whatsapp.ProviderMode;
import app.relais.whatsapp.WhatsAppSetup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The pre-send check: everything an admin should know before pressing "launch". */
@ApplicationScoped
public class CampaignPreflight {

    private final EntityManager em;
    private final CampaignService campaigns;
    private final DailyQuota quota;
    private final DeliveryEngine engine;
    private final WhatsAppSetup setup;
    private final PricingConfig pricing;

    public CampaignPreflight(EntityManager em, CampaignService campaigns, DailyQuota quota, DeliveryEngine engine,
            WhatsAppSetup setup, PricingConfig pricing) {
        this.pricing = pricing;
        this.em = em;
        this.campaigns = campaigns;
        this.quota = quota;
        this.engine = engine;
        this.setup = setup;
    }

    @Transactional
    public PreflightResponse check(UUID id) {
        return check(campaigns.find(id), campaigns.categoryIds(id), campaigns.contactIds(id));
    }

    /** The check of a campaign body not saved yet (the wizard): the same answer a saved campaign would get. */
    @Transactional
    public PreflightResponse check(CampaignRequest draft) {
        return check(campaigns.draft(draft), draft.categoryIds() == null ? List.of() : draft.categoryIds(),
                draft.contactIds() == null ? List.of() : draft.contactIds());
    }

    private PreflightResponse check(Campaign c, List<UUID> categoryIds, List<UUID> contactIds) {
        UUID[] categories = categoryIds.stream().filter(java.util.Objects::nonNull).distinct().toArray(UUID[]::new);
        UUID[] picked = contactIds.stream().filter(java.util.Objects::nonNull).distinct().toArray(UUID[]::new);
        String inCategories = "ct.id IN (" + CampaignService.RECIPIENTS + ")";
        Object[] counts = (Object[]) em.createNativeQuery("SELECT count(*),"
                + " count(*) FILTER (WHERE ct.opted_out),"
                + " count(*) FILTER (WHERE NOT ct.opted_out AND ct.whatsapp_status = 'not_on_whatsapp'),"
                + " count(*) FILTER (WHERE NOT ct.opted_out AND ct.sandbox_joined_at IS NULL)"
                + " FROM contacts ct WHERE " + inCategories).setParameter(1, categories).setParameter(2, picked)
                .getSingleResult();
        long all = ((Number) counts[0]).longValue();
        long optedOut = ((Number) counts[1]).longValue();
        long recipients = all - optedOut;
        boolean sandbox = setup.mode() == ProviderMode.TWILIO_SANDBOX;

        Set<String> names = new LinkedHashSet<>(VariableRenderer.names(c.message1Body));
        names.addAll(VariableRenderer.names(c.message2Body));
        if (c.message1Variables != null) {
            c.message1Variables.values().forEach(v -> names.addAll(VariableRenderer.names(v)));
        }
        Map<String, Long> blanks = new LinkedHashMap<>();
        for (String name : names) {
            String column = switch (name) {
                case "first_name" -> "ct.first_name";
                case "last_name" -> "ct.last_name";
                case "phone" -> "ct.phone_e164";
                default -> "(ct.attributes ->> ?3)";
            };
            var q = em.createNativeQuery("SELECT count(*) FROM contacts ct WHERE " + inCategories
                    + " AND NOT ct.opted_out AND btrim(COALESCE(" + column + ", '')) = ''").setParameter(1, categories)
                    .setParameter(2, picked);
            if (column.contains("?3")) {
                q.setParameter(3, name);
            }
            long n = ((Number) q.getSingleResult()).longValue();
            if (n > 0) {
                blanks.put(name, n);
            }
        }

        QuotaResponse q = quota.status();
        double global = engine.messagesPerSecond();
        double rate = global <= 0 ? 1000 : global;
        if (c.messagesPerSecond != null) {
            rate = Math.min(rate, c.messagesPerSecond.doubleValue());
        }
        if (c.minDelayMs != null && c.minDelayMs > 0) {
            rate = Math.min(rate, 1000.0 / c.minDelayMs);
        }
        double seconds = recipients / rate;
        if (c.batchSize != null && c.batchPauseSeconds != null && c.batchSize > 0) {
            seconds += Math.max(0, (recipients - 1) / c.batchSize) * (double) c.batchPauseSeconds;
        }
        int days = 1;
        List<String> warnings = new ArrayList<>();
        if (recipients > q.remaining()) {
            long beyond = recipients - q.remaining();
            days = 1 + (int) Math.ceil(beyond / (double) q.limit());
            warnings.add("quota-split");
        }
        if (recipients == 0) {
            warnings.add("no-recipients");
        }
        if (!blanks.isEmpty()) {
            warnings.add("blank-variables");
        }
        if (sandbox && ((Number) counts[3]).longValue() > 0) {
            warnings.add("not-joined-sandbox");
        }
        BigDecimal cost = pricing.pricePerMessage().multiply(BigDecimal.valueOf(recipients)).setScale(2, RoundingMode.HALF_UP);
        return new PreflightResponse(recipients, all, optedOut, ((Number) counts[2]).longValue(), sandbox,
                sandbox ? ((Number) counts[3]).longValue() : 0, blanks, q, rate, (long) Math.ceil(seconds), days, cost,
                pricing.currency(), pricing.pricePerMessage(), warnings);
    }
}
