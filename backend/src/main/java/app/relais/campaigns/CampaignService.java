package app.relais.campaigns;

import app.relais.common.api.PageRequest;
import app.relais.common.api.PageResponse;
import app.relais.common.audit.AuditService;
import app.relais.common.error.ApiException;
import app.relais.common.i18n.Messages;
import app.relais.common.error.FieldError;
import app.relais.contacts.Contact;
import app.relais.delivery.CampaignStarter;
import app.relais.delivery.DeliveryQueue;
import app.relais.delivery.StreamFeeder;
import app.relais.messages.Message;
import app.relais.delivery.VariableRenderer;
import app.relais.templates.TemplateService;
import app.relais.whatsapp.ContentTemplate;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Campaign rules: what may be created and edited, and every status change, each conditional and audited. */
@ApplicationScoped
public class CampaignService {

    static final Pattern CONTENT_SID = Pattern.compile("^HX[0-9a-fA-F]{32}$");
    private static final int MAX_BODY = 1600;

    private final EntityManager em;
    private final AuditService audit;
    private final CampaignStarter starter;
    private final DeliveryQueue queue;
    private final StreamFeeder feeder;
    private final TemplateService templates;

    public CampaignService(EntityManager em, AuditService audit, CampaignStarter starter, DeliveryQueue queue,
            StreamFeeder feeder, TemplateService templates) {
        this.feeder = feeder;
        this.templates = templates;
        this.em = em;
        this.audit = audit;
        this.starter = starter;
        this.queue = queue;
    }

    // --------------------------------------------------------------------------------------------- CRUD

    @Transactional
    public CampaignResponse create(CampaignRequest r, UUID userId) {
        Campaign c = new Campaign();
        c.createdBy = userId;
        List<FieldError> errors = new ArrayList<>();
        if (r.name() == null || r.name().isBlank()) {
            errors.add(new FieldError("name", "required", "name"));
        }
        if ((r.categoryIds() == null || r.categoryIds().isEmpty()) && (r.contactIds() == null || r.contactIds().isEmpty())) {
            errors.add(new FieldError("categoryIds", "required", "categoryIds or contactIds"));
        }
        apply(c, r, errors);
        if (c.message1Body == null && c.message1ContentSid == null) {
            errors.add(new FieldError("message1Body", "required", "message1Body or message1ContentSid"));
        }
        throwIf(errors);
        takeTemplateText(c, true);
        c.persist();
        replaceCategories(c.id, r.categoryIds() == null ? List.of() : r.categoryIds());
        replaceContacts(c.id, r.contactIds() == null ? List.of() : r.contactIds());
        checkVariables(c, categoryIds(c.id), contactIds(c.id));
        audit.record("campaign.create", "campaign", c.id, Map.of("name", c.name));
        return toResponse(c);
    }

    /** Applies the present fields; {@code unschedule} (an explicit null scheduledAt) takes a scheduled campaign back to draft. */
    @Transactional
    public CampaignResponse update(UUID id, CampaignRequest r, boolean unschedule) {
        Campaign c = findForUpdate(id);
        if (!CampaignStatus.DRAFT.equals(c.status) && !CampaignStatus.SCHEDULED.equals(c.status)) {
            throw ApiException.conflict("campaign-not-editable", Messages.campaignStatus(c.status));
        }
        refuseArchived(c);
        if (unschedule) {
            c.scheduledAt = null;
            c.status = CampaignStatus.DRAFT;
        }
        List<FieldError> errors = new ArrayList<>();
        if (r.name() != null && r.name().isBlank()) {
            errors.add(new FieldError("name", "required", "name"));
        }
        apply(c, r, errors);
        throwIf(errors);
        if (r.message1ContentSid() != null || r.message1Variables() != null || r.message1Body() != null) {
            takeTemplateText(c, true);
        }
        if (r.categoryIds() != null) {
            replaceCategories(c.id, r.categoryIds());
        }
        if (r.contactIds() != null) {
            replaceContacts(c.id, r.contactIds());
        }
        if (categoryIds(c.id).isEmpty() && contactIds(c.id).isEmpty()) {
            throwIf(List.of(new FieldError("categoryIds", "required", "categoryIds or contactIds")));
        }
        checkVariables(c, categoryIds(c.id), contactIds(c.id));
        c.updatedAt = OffsetDateTime.now();
        c.version++;
        audit.record("campaign.update", "campaign", c.id, Map.of());
        return toResponse(c);
    }

    /** Applies the request's present fields, collecting field errors. */
    private void apply(Campaign c, CampaignRequest r, List<FieldError> errors) {
        if (r.name() != null && !r.name().isBlank()) {
            if (r.name().strip().length() > 200) {
                errors.add(new FieldError("name", "too_long", "≤ 200"));
            }
            c.name = r.name().strip();
        }
        if (r.message1ContentSid() != null) {
            if (!CONTENT_SID.matcher(r.message1ContentSid()).matches()) {
                errors.add(new FieldError("message1ContentSid", "invalid_content_sid", "^HX[0-9a-fA-F]{32}$"));
            }
            c.message1ContentSid = r.message1ContentSid();
            c.message1Body = null;
        }
        if (r.message1Body() != null) {
            if (r.message1Body().isBlank()) {
                errors.add(new FieldError("message1Body", "required", "message1Body"));
            } else if (r.message1Body().length() > MAX_BODY) {
                errors.add(new FieldError("message1Body", "too_long", "≤ " + MAX_BODY));
            }
            if (r.message1ContentSid() != null) {
                errors.add(new FieldError("message1Body", "exclusive", "message1Body or message1ContentSid, not both"));
            }
            c.message1Body = r.message1Body();
            c.message1ContentSid = null;
        }
        if (r.message1Variables() != null) {
            for (String key : r.message1Variables().keySet()) {
                if (!key.matches("^[1-9][0-9]?$|^100$")) {
                    errors.add(new FieldError("message1Variables", "invalid_variable_key", key));
                }
            }
            c.message1Variables = new HashMap<>(r.message1Variables());
        }
        if (r.message2Body() != null) {
            if (r.message2Body().length() > MAX_BODY) {
                errors.add(new FieldError("message2Body", "too_long", "≤ " + MAX_BODY));
            }
            c.message2Body = r.message2Body().isBlank() ? null : r.message2Body();
        }
        if (r.timeZone() != null) {
            try {
                ZoneId.of(r.timeZone());
                c.timeZone = r.timeZone();
            } catch (RuntimeException e) {
                errors.add(new FieldError("timeZone", "invalid_time_zone", r.timeZone()));
            }
        }
        if (r.scheduledAt() != null) {
            if (!r.scheduledAt().isAfter(OffsetDateTime.now())) {
                errors.add(new FieldError("scheduledAt", "in_past", "scheduledAt"));
            }
            c.scheduledAt = r.scheduledAt();
            if (CampaignStatus.DRAFT.equals(c.status)) {
                c.status = CampaignStatus.SCHEDULED;
            }
        }
        if (r.messagesPerSecond() != null) {
            if (r.messagesPerSecond().signum() <= 0 || r.messagesPerSecond().compareTo(BigDecimal.valueOf(1000)) > 0) {
                errors.add(new FieldError("messagesPerSecond", "range", "0 < messagesPerSecond ≤ 1000"));
            }
            c.messagesPerSecond = r.messagesPerSecond();
        }
        if (r.minDelayMs() != null) {
            if (r.minDelayMs() < 0 || r.minDelayMs() > 3_600_000) {
                errors.add(new FieldError("minDelayMs", "range", "0 ≤ minDelayMs ≤ 3600000"));
            }
            c.minDelayMs = r.minDelayMs();
        }
        if (r.batchSize() != null) {
            if (r.batchSize() < 1) {
                errors.add(new FieldError("batchSize", "range", "batchSize ≥ 1"));
            }
            c.batchSize = r.batchSize();
        }
        if (r.batchPauseSeconds() != null) {
            if (r.batchPauseSeconds() < 0 || r.batchPauseSeconds() > 86_400) {
                errors.add(new FieldError("batchPauseSeconds", "range", "0 ≤ batchPauseSeconds ≤ 86400"));
            }
            c.batchPauseSeconds = r.batchPauseSeconds();
        }
        if (r.failureRateThreshold() != null) {
            if (r.failureRateThreshold().signum() <= 0 || r.failureRateThreshold().compareTo(BigDecimal.ONE) > 0) {
                errors.add(new FieldError("failureRateThreshold", "range", "0 < failureRateThreshold ≤ 1"));
            }
            c.failureRateThreshold = r.failureRateThreshold();
        }
        if (r.failureRateWindow() != null) {
            if (r.failureRateWindow() < 1) {
                errors.add(new FieldError("failureRateWindow", "range", "failureRateWindow ≥ 1"));
            }
            c.failureRateWindow = r.failureRateWindow();
        }
        refuseUnknown("contacts", r.contactIds(), "contactIds", "unknown_contact", errors);
        refuseUnknown("categories", r.categoryIds(), "categoryIds", "unknown_category", errors);
    }

    /**
     * For Message 1 from a template: the template must exist in the Twilio account (400 unknown_template)
     * and, when {@code requireApproved} (save), be approved by WhatsApp (400 template_not_approved); its
     * text is kept on the campaign with the placeholders the campaign does not map holding the
     * template's defaults, as Twilio fills them. A Twilio outage answers 503 (TemplateService).
     */
    private void takeTemplateText(Campaign c, boolean requireApproved) {
        if (c.message1ContentSid == null) {
            c.message1TemplateText = null;
            return;
        }
        ContentTemplate t = templates.find(c.message1ContentSid, false).orElseThrow(() -> ApiException.invalid(
                List.of(new FieldError("message1ContentSid", "unknown_template", null))));
        if (requireApproved && !t.approved()) {
            throw ApiException.invalidField("message1ContentSid", "template_not_approved", null);
        }
        c.message1TemplateText = templateText(t, c.message1Variables);
    }

    /** The template's text with the defaults of the placeholders {@code variables} leaves out. */
    static String templateText(ContentTemplate t, Map<String, String> variables) {
        Map<String, String> defaults = new HashMap<>(t.variables());
        if (variables != null) {
            defaults.keySet().removeAll(variables.keySet());
        }
        return VariableRenderer.fill(t.body(), defaults);
    }

    /**
     * Before a launch, the template's approval as Twilio has it now (not the cache): a template paused or
     * disabled since the campaign was saved is refused with 409, and its text is taken again.
     */
    private void checkTemplateBeforeLaunch(UUID id) {
        checkTemplateBeforeRun(id, List.of(CampaignStatus.DRAFT, CampaignStatus.SCHEDULED));
    }

    /** {@link #checkTemplateBeforeLaunch} for a campaign in one of {@code statuses} (a new run: retry, relaunch). */
    private void checkTemplateBeforeRun(UUID id, List<String> statuses) {
        Campaign saved = QuarkusTransaction.requiringNew().call(() -> find(id));
        if (saved.message1ContentSid == null || !statuses.contains(saved.status)) {
            // Not launchable anyway: the launch answers why (campaign-not-launchable).
            return;
        }
        Optional<ContentTemplate> t = templates.find(saved.message1ContentSid, true);
        if (t.isEmpty() || !t.get().approved()) {
            throw ApiException.conflict("campaign-template-not-approved", saved.message1ContentSid,
                    t.map(ContentTemplate::approvalStatus).orElse("unknown"));
        }
        String text = templateText(t.get(), saved.message1Variables);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE campaigns SET message1_template_text = ?1 WHERE id = ?2 AND message1_content_sid = ?3")
                .setParameter(1, text).setParameter(2, id).setParameter(3, saved.message1ContentSid).executeUpdate());
    }

    /** A field error for each id of {@code ids} that {@code table} does not hold. */
    private void refuseUnknown(String table, List<UUID> ids, String field, String code, List<FieldError> errors) {
        if (ids == null || ids.isEmpty()) {
            return;
        }
        Set<UUID> wanted = new LinkedHashSet<>(ids);
        wanted.remove(null);
        @SuppressWarnings("unchecked")
        List<UUID> found = em.createNativeQuery("SELECT id FROM " + table + " WHERE id IN (?1)", UUID.class)
                .setParameter(1, wanted).getResultList();
        for (UUID id : wanted) {
            if (!found.contains(id)) {
                errors.add(new FieldError(field, code, id.toString()));
            }
        }
    }

    /** A custom variable no recipient can fill is a mistake (a typo, usually): refused, naming it. */
    private void checkVariables(Campaign c, List<UUID> categoryIds, List<UUID> contactIds) {
        Set<String> names = new LinkedHashSet<>();
        names.addAll(VariableRenderer.names(c.message1Body));
        names.addAll(VariableRenderer.names(c.message2Body));
        if (c.message1Variables != null) {
            c.message1Variables.values().forEach(v -> names.addAll(VariableRenderer.names(v)));
        }
        names.removeAll(VariableRenderer.BUILT_IN);
        if (names.isEmpty() || (categoryIds.isEmpty() && contactIds.isEmpty())) {
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        for (String name : names) {
            Number n = (Number) em.createNativeQuery("SELECT count(*) FROM contacts ct WHERE ct.id IN (" + RECIPIENTS
                    + ") AND ct.attributes ->> ?3 IS NOT NULL").setParameter(1, categoryIds.toArray(new UUID[0]))
                    .setParameter(2, contactIds.toArray(new UUID[0])).setParameter(3, name).getSingleResult();
            if (n.longValue() == 0) {
                String field = VariableRenderer.names(c.message1Body).contains(name) ? "message1Body"
                        : VariableRenderer.names(c.message2Body).contains(name) ? "message2Body" : "message1Variables";
                errors.add(new FieldError(field, "unknown_variable", name));
            }
        }
        throwIf(errors);
    }

    private static void throwIf(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    private void replaceCategories(UUID campaignId, List<UUID> categoryIds) {
        em.createNativeQuery("DELETE FROM campaign_categories WHERE campaign_id = ?1").setParameter(1, campaignId)
                .executeUpdate();
        for (UUID cat : new LinkedHashSet<>(categoryIds)) {
            em.createNativeQuery("INSERT INTO campaign_categories (campaign_id, category_id) VALUES (?1, ?2)")
                    .setParameter(1, campaignId).setParameter(2, cat).executeUpdate();
        }
    }

    /**
     * The contacts a campaign targets, before exclusions: its categories' members (?1, uuid[]) and its
     * hand-picked contacts (?2, uuid[]). The preflight and the variable check read it; the launch builds the
     * same union (CampaignStarter).
     */
    static final String RECIPIENTS = "SELECT cc.contact_id FROM category_contacts cc WHERE cc.category_id = ANY (CAST(?1 AS uuid[]))"
            + " UNION ALL SELECT unnest(CAST(?2 AS uuid[]))";

    private void replaceContacts(UUID campaignId, List<UUID> contactIds) {
        em.createNativeQuery("DELETE FROM campaign_contacts WHERE campaign_id = ?1").setParameter(1, campaignId)
                .executeUpdate();
        em.createNativeQuery("INSERT INTO campaign_contacts (campaign_id, contact_id) SELECT ?1, x"
                + " FROM unnest(CAST(?2 AS uuid[])) x WHERE x IS NOT NULL ON CONFLICT DO NOTHING").setParameter(1, campaignId)
                .setParameter(2, contactIds.toArray(new UUID[0])).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    List<UUID> contactIds(UUID campaignId) {
        return em.createNativeQuery("SELECT contact_id FROM campaign_contacts WHERE campaign_id = ?1 ORDER BY contact_id",
                UUID.class).setParameter(1, campaignId).getResultList();
    }

    @SuppressWarnings("unchecked")
    List<UUID> categoryIds(UUID campaignId) {
        return em.createNativeQuery("SELECT category_id FROM campaign_categories WHERE campaign_id = ?1 ORDER BY category_id",
                UUID.class).setParameter(1, campaignId).getResultList();
    }

    @Transactional
    public CampaignResponse get(UUID id) {
        return toResponse(find(id));
    }

    @Transactional
    public PageResponse<CampaignResponse> list(String status, String q, boolean archived, PageRequest page) {
        if (status != null && !CampaignStatus.ALL.contains(status)) {
            throw ApiException.invalidField("status", "invalid_enum", String.join(", ", CampaignStatus.ALL));
        }
        StringBuilder where = new StringBuilder(archived ? "archivedAt IS NOT NULL" : "archivedAt IS NULL");
        Map<String, Object> params = new HashMap<>();
        if (status != null) {
            where.append(" AND status = :status");
            params.put("status", status);
        }
        if (q != null && !q.isBlank()) {
            where.append(" AND lower(name) LIKE :q");
            params.put("q", "%" + q.strip().toLowerCase().replace("%", "\\%").replace("_", "\\_") + "%");
        }
        var query = Campaign.find(where + " ORDER BY createdAt DESC, id", params);
        long total = query.count();
        List<Campaign> items = query.page(page.page(), page.size()).list();
        return new PageResponse<>(items.stream().map(this::toResponse).toList(), page.page(), page.size(), total);
    }

    /**
     * Deletes a campaign that never sent anything. One that did (a message past 'queued', or a reply) is
     * archived instead, so its messages, the contacts' replies and the statistics stay as they were:
     * the answer is then the archived campaign, and empty when it was deleted.
     */
    @Transactional
    public Optional<CampaignResponse> delete(UUID id) {
        Campaign c = findForUpdate(id);
        if (CampaignStatus.SENDING.equals(c.status) || CampaignStatus.PAUSED.equals(c.status)) {
            throw ApiException.conflict("campaign-active", Messages.campaignStatus(c.status));
        }
        if (hasHistory(id)) {
            return Optional.of(archive(c));
        }
        c.delete();
        audit.record("campaign.delete", "campaign", id, Map.of("name", c.name));
        return Optional.empty();
    }

    /** Hides a draft, completed or stopped campaign from the list; nothing of it is deleted. */
    @Transactional
    public CampaignResponse archive(UUID id) {
        Campaign c = findForUpdate(id);
        if (!CampaignStatus.DRAFT.equals(c.status) && !CampaignStatus.COMPLETED.equals(c.status)
                && !CampaignStatus.STOPPED.equals(c.status)) {
            throw ApiException.conflict("campaign-not-archivable", Messages.campaignStatus(c.status));
        }
        return archive(c);
    }

    private CampaignResponse archive(Campaign c) {
        if (c.archivedAt == null) {
            c.archivedAt = OffsetDateTime.now();
            c.updatedAt = c.archivedAt;
            c.version++;
            audit.record("campaign.archive", "campaign", c.id, Map.of("name", c.name));
        }
        return toResponse(c);
    }

    /** Brings an archived campaign back into the list. */
    @Transactional
    public CampaignResponse restore(UUID id) {
        Campaign c = findForUpdate(id);
        if (c.archivedAt != null) {
            c.archivedAt = null;
            c.updatedAt = OffsetDateTime.now();
            c.version++;
            audit.record("campaign.restore", "campaign", c.id, Map.of("name", c.name));
        }
        return toResponse(c);
    }

    /** Something was sent (or attempted, or answered): the campaign is part of the contacts' history. */
    private boolean hasHistory(UUID id) {
        return !em.createNativeQuery("SELECT 1 FROM messages WHERE campaign_id = ?1 AND status <> 'queued' LIMIT 1")
                .setParameter(1, id).getResultList().isEmpty();
    }

    private void refuseArchived(Campaign c) {
        if (c.archivedAt != null) {
            throw ApiException.conflict("campaign-archived");
        }
    }

    /**
     * A campaign body checked as create would check it (field errors answer 400), not saved: what the
     * wizard's preflight and preview read before the campaign exists.
     */
    Campaign draft(CampaignRequest r) {
        Campaign c = new Campaign();
        List<FieldError> errors = new ArrayList<>();
        apply(c, r, errors);
        throwIf(errors);
        takeTemplateText(c, false);
        return c;
    }

    @Transactional
    public PreviewResponse preview(UUID id, UUID contactId) {
        return preview(find(id), contactId);
    }

    @Transactional
    public PreviewResponse preview(CampaignRequest draft, UUID contactId) {
        return preview(draft(draft), contactId);
    }

    /** Variables a message can use: the built-in ones and the attribute keys contacts have, most used first. */
    @Transactional
    public VariablesResponse variables() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT k, count(*) FROM contacts ct, jsonb_object_keys(ct.attributes) k"
                + " GROUP BY k ORDER BY count(*) DESC, k LIMIT 200").getResultList();
        return new VariablesResponse(VariableRenderer.BUILT_IN.stream().sorted().toList(), rows.stream()
                .map(r -> new VariablesResponse.Attribute((String) r[0], ((Number) r[1]).longValue())).toList());
    }

    private PreviewResponse preview(Campaign c, UUID contactId) {
        if (contactId == null) {
            throw ApiException.invalidField("contactId", "required", "contactId");
        }
        Contact ct = Contact.findById(contactId);
        if (ct == null) {
            throw ApiException.notFound("Contact", contactId);
        }
        Set<String> blanks = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>(VariableRenderer.names(c.message1Body));
        names.addAll(VariableRenderer.names(c.message2Body));
        if (c.message1Variables != null) {
            c.message1Variables.values().forEach(v -> names.addAll(VariableRenderer.names(v)));
        }
        for (String n : names) {
            String v = VariableRenderer.value(n, ct.phoneE164, ct.firstName, ct.lastName, ct.attributes);
            if (v == null || v.isBlank()) {
                blanks.add(n);
            }
        }
        Map<String, String> templateVariables = c.message1ContentSid == null ? null
                : VariableRenderer.renderAll(c.message1Variables, ct.phoneE164, ct.firstName, ct.lastName, ct.attributes);
        return new PreviewResponse(ct.id, ct.phoneE164,
                c.message1ContentSid == null
                        ? VariableRenderer.render(c.message1Body, ct.phoneE164, ct.firstName, ct.lastName, ct.attributes)
                        : VariableRenderer.fill(c.message1TemplateText, templateVariables),
                c.message1ContentSid, templateVariables,
                VariableRenderer.render(c.message2Body, ct.phoneE164, ct.firstName, ct.lastName, ct.attributes),
                List.copyOf(blanks));
    }

    // --------------------------------------------------------------------------------------------- actions

    /**
     * draft|scheduled → sending with every Message 1 row in one transaction; after commit the ids go on
     * the stream. Of two racing launches the second finds the status changed: 409.
     */
    public CampaignResponse launch(UUID id) {
        checkTemplateBeforeLaunch(id);
        CampaignStarter.Result result = QuarkusTransaction.requiringNew().call(() -> {
            refuseArchived(find(id));
            CampaignStarter.Result r = starter.startFirstRun(id, false);
            if (r.outcome() == CampaignStarter.Outcome.NOT_STARTABLE) {
                Campaign c = find(id);
                throw ApiException.conflict("campaign-not-launchable", Messages.campaignStatus(c.status));
            }
            if (r.outcome() == CampaignStarter.Outcome.NO_RECIPIENTS) {
                throw ApiException.conflict("campaign-no-recipients");
            }
            audit.record("campaign.launch", "campaign", id, Map.of("recipients", r.count()));
            return r;
        });
        feeder.wake();
        // A first run's counters are known without reading them: every recipient queued, nothing sent
        // yet. Reading them would sum the statistics deltas of all the rows just written (≈ 0.2 s for
        // 100,000 recipients) before the fold has folded them.
        int n = result.count();
        return QuarkusTransaction.requiringNew().call(() -> toResponse(find(id),
                new CampaignResponse.Counters(n, n, 0, 0, 0, 0, 0, 0)));
    }

    @Transactional
    public CampaignResponse pause(UUID id) {
        transition(id, "UPDATE campaigns SET status = 'paused', pause_reason = 'manual', paused_at = now(),"
                + " updated_at = now(), version = version + 1 WHERE id = ?1 AND status = 'sending'", "campaign-not-sending");
        audit.record("campaign.pause", "campaign", id, Map.of());
        return get(id);
    }

    public CampaignResponse resume(UUID id) {
        QuarkusTransaction.requiringNew().run(() -> {
            transition(id, "UPDATE campaigns SET status = 'sending', pause_reason = NULL, paused_at = NULL,"
                    + " failure_window_from = now(), updated_at = now(), version = version + 1 WHERE id = ?1 AND status = 'paused'", "campaign-not-paused");
            audit.record("campaign.resume", "campaign", id, Map.of());
        });
        queue.requeueCampaign(id);
        return QuarkusTransaction.requiringNew().call(() -> get(id));
    }

    @Transactional
    public CampaignResponse stop(UUID id) {
        transition(id, "UPDATE campaigns SET status = 'stopped', stopped_at = now(), updated_at = now(),"
                + " version = version + 1 WHERE id = ?1 AND status IN ('scheduled', 'sending', 'paused')",
                "campaign-not-stoppable");
        audit.record("campaign.stop", "campaign", id, Map.of());
        return get(id);
    }

    /** A new run to the recipients whose latest Message 1 failed (transient failures only unless includePermanent). */
    public CampaignResponse retryFailed(UUID id, boolean includePermanent) {
        String failed = "SELECT m.contact_id FROM messages m WHERE m.campaign_id = ? AND m.kind = 'message_1'"
                + " AND m.status IN ('failed', 'undelivered')"
                + (includePermanent ? "" : " AND (m.failure_kind = 'transient' OR (m.failure_kind IS NULL AND m.error_code IN ("
                        // Delivery failures reported by a callback carry no failure_kind: the catalog decides.
                        + app.relais.whatsapp.TwilioErrorCatalog.retryableCodes().stream().map(String::valueOf)
                                .collect(java.util.stream.Collectors.joining(", ")) + ")))")
                + " AND m.run_number = (SELECT max(x.run_number) FROM messages x WHERE x.campaign_id = m.campaign_id"
                + " AND x.contact_id = m.contact_id AND x.kind = 'message_1')";
        return newRun(id, failed, "campaign.retry-failed", Map.of("includePermanent", includePermanent));
    }

    /**
     * A new run to the recipients who did not answer; a contact whose Message 1 was delivered or read is
     * not written to again unless includeDelivered.
     */
    public CampaignResponse relaunch(UUID id, boolean includeDelivered) {
        String silent = "SELECT m.contact_id FROM messages m WHERE m.campaign_id = ? AND m.kind = 'message_1'"
                + " AND m.run_number = (SELECT max(x.run_number) FROM messages x WHERE x.campaign_id = m.campaign_id"
                + " AND x.contact_id = m.contact_id AND x.kind = 'message_1')"
                + " AND NOT EXISTS (SELECT 1 FROM messages r WHERE r.campaign_id = m.campaign_id AND r.contact_id = m.contact_id"
                + " AND r.kind = 'reply')"
                + (includeDelivered ? "" : " AND NOT EXISTS (SELECT 1 FROM messages d WHERE d.campaign_id = m.campaign_id"
                        + " AND d.contact_id = m.contact_id AND d.kind = 'message_1' AND d.status IN ('delivered', 'read'))");
        return newRun(id, silent, "campaign.relaunch", Map.of("includeDelivered", includeDelivered));
    }

    /** The statuses a retry or a relaunch starts a new run from. */
    private static final List<String> NEW_RUN_FROM = List.of("sending", "paused", "completed", "stopped");

    private CampaignResponse newRun(UUID id, String recipientsSql, String action, Map<String, Object> details) {
        checkTemplateBeforeRun(id, NEW_RUN_FROM);
        CampaignStarter.Result result = QuarkusTransaction.requiringNew().call(() -> {
            Campaign c = find(id);
            refuseArchived(c);
            CampaignStarter.Result r = starter.startNewRun(id, NEW_RUN_FROM, recipientsSql);
            if (r.outcome() == CampaignStarter.Outcome.NOT_STARTABLE) {
                throw ApiException.conflict("campaign-not-launched", Messages.campaignStatus(c.status));
            }
            if (r.outcome() == CampaignStarter.Outcome.NO_RECIPIENTS) {
                throw ApiException.conflict("campaign-no-recipients");
            }
            Map<String, Object> d = new HashMap<>(details);
            d.put("recipients", r.count());
            d.put("runNumber", r.runNumber());
            audit.record(action, "campaign", id, d);
            return r;
        });
        feeder.wake();
        // A first run's counters are known without reading them: every recipient queued, nothing sent
        // yet. Reading them would sum the statistics deltas of all the rows just written (≈ 0.2 s for
        // 100,000 recipients) before the fold has folded them.
        int n = result.count();
        return QuarkusTransaction.requiringNew().call(() -> toResponse(find(id),
                new CampaignResponse.Counters(n, n, 0, 0, 0, 0, 0, 0)));
    }

    private void transition(UUID id, String sql, String conflictCode) {
        int n = em.createNativeQuery(sql).setParameter(1, id).executeUpdate();
        if (n == 0) {
            Campaign c = find(id);
            throw ApiException.conflict(conflictCode, Messages.campaignStatus(c.status));
        }
        em.clear();
    }

    // --------------------------------------------------------------------------------------------- reads

    Campaign find(UUID id) {
        Campaign c = Campaign.findById(id);
        if (c == null) {
            throw ApiException.notFound("Campaign", id);
        }
        return c;
    }

    private Campaign findForUpdate(UUID id) {
        Campaign c = Campaign.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (c == null) {
            throw ApiException.notFound("Campaign", id);
        }
        return c;
    }

    CampaignResponse toResponse(Campaign c) {
        return toResponse(c, counters(c));
    }

    private CampaignResponse toResponse(Campaign c, CampaignResponse.Counters counters) {
        return new CampaignResponse(c.id, c.name, c.status, categoryIds(c.id), contactIds(c.id), c.message1Body, c.message1ContentSid,
                c.message1Variables, c.message2Body, c.scheduledAt, c.timeZone, c.messagesPerSecond, c.minDelayMs,
                c.batchSize, c.batchPauseSeconds, c.failureRateThreshold, c.failureRateWindow, c.pauseReason, c.runNumber,
                counters, c.createdAt, c.launchedAt, c.completedAt, c.stoppedAt, c.archivedAt, c.updatedAt);
    }

    private CampaignResponse.Counters counters(Campaign c) {
        // Counters come from the statistics read model (V10 campaign_counters), not from hot columns.
        Object[] live = (Object[]) em.createNativeQuery("SELECT"
                + " (SELECT count(*) FROM messages WHERE campaign_id = ?1 AND kind IN " + Message.OUTBOUND_KINDS_SQL + " AND status = 'queued'),"
                + " (SELECT count(DISTINCT contact_id) FROM messages WHERE campaign_id = ?1 AND kind = 'reply'),"
                + " k.sent_count, k.delivered_count, k.read_count, k.failed_count, k.message2_sent_count"
                + " FROM campaign_counters(ARRAY[CAST(?1 AS uuid)]) k")
                .setParameter(1, c.id).getSingleResult();
        return new CampaignResponse.Counters(c.recipientsCount, ((Number) live[0]).longValue(), ((Number) live[2]).intValue(),
                ((Number) live[3]).intValue(), ((Number) live[4]).intValue(), ((Number) live[5]).intValue(),
                ((Number) live[1]).longValue(), ((Number) live[6]).intValue());
    }

}
