package app.relais.contacts;

import app.relais.common.api.PageRequest;
import app.relais.common.api.PageResponse;
import app.relais.common.audit.AuditService;
import app.relais.common.error.ApiException;
import app.relais.common.error.FieldError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Rules and transactions of the contacts API. */
@ApplicationScoped
public class ContactService {

    @Inject
    EntityManager em;

    @Inject
    PhoneNumbers phoneNumbers;

    @Inject
    AuditService audit;

    @Inject
    ObjectMapper json;

    @Inject
    AgroalDataSource dataSource;

    /** What create and update make of a number as typed, with a country or the default one; never throws. */
    public PhoneNumbers.Parsed checkPhone(String phone, String country) {
        return PhoneNumbers.parse(phone, country == null || country.isBlank() ? phoneNumbers.defaultCountry() : country);
    }

    PhoneNumbers.Parsed parsePhone(String phone, String country) {
        PhoneNumbers.Parsed p = checkPhone(phone, country);
        if (!p.ok()) {
            throw ApiException.invalidField("phone", "invalid_phone", "field.phone." + p.reason());
        }
        return p;
    }

    /** Creates a contact; a number already present gives 409 contact-duplicate, even under concurrency. */
    @Transactional
    public Contact create(CreateContactRequest req) {
        PhoneNumbers.Parsed p = parsePhone(req.phone(), req.country());
        String attributes;
        try {
            attributes = json.writeValueAsString(req.attributes() == null ? Map.of() : req.attributes());
        } catch (JsonProcessingException e) {
            throw ApiException.invalidField("attributes", "invalid", e.getOriginalMessage());
        }
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery("INSERT INTO contacts (phone_e164, country_code, first_name, last_name,"
                + " attributes, notes) VALUES (?1, ?2, ?3, ?4, cast(?5 as jsonb), ?6)"
                + " ON CONFLICT (phone_e164) DO NOTHING RETURNING id")
                .setParameter(1, p.e164()).setParameter(2, p.country())
                .setParameter(3, trim(req.firstName())).setParameter(4, trim(req.lastName()))
                .setParameter(5, attributes).setParameter(6, req.notes() == null ? "" : req.notes())
                .getResultList();
        if (ids.isEmpty()) {
            throw duplicate(p.e164());
        }
        UUID id = (UUID) ids.get(0);
        if (req.categoryIds() != null) {
            replaceCategories(id, req.categoryIds());
        }
        audit.record("contact.create", "contact", id, Map.of("phone", p.e164()));
        return Contact.findById(id);
    }

    private ApiException duplicate(String e164) {
        Object existing = Contact.findByPhone(e164).map(c -> (Object) c.id.toString()).orElse("");
        return new ApiException(409, "contact-duplicate", List.of(), Map.of("existingContactId", existing), null,
                e164);
    }

    public Contact get(UUID id) {
        Contact c = Contact.findById(id);
        if (c == null) {
            throw ApiException.notFound("Contact", id);
        }
        return c;
    }

    /** The contact's categories become exactly these; an unknown one is refused (field categoryIds). */
    private void replaceCategories(UUID contactId, List<UUID> categoryIds) {
        Set<UUID> wanted = new LinkedHashSet<>(categoryIds);
        wanted.remove(null);
        if (!wanted.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<UUID> found = em.createNativeQuery("SELECT id FROM categories WHERE id IN (?1)", UUID.class)
                    .setParameter(1, wanted).getResultList();
            List<FieldError> unknown = wanted.stream().filter(id -> !found.contains(id))
                    .map(id -> new FieldError("categoryIds", "unknown_category", id.toString())).toList();
            if (!unknown.isEmpty()) {
                throw ApiException.invalid(unknown);
            }
        }
        em.createNativeQuery("DELETE FROM category_contacts WHERE contact_id = ?1 AND category_id <> ALL (CAST(?2 AS uuid[]))")
                .setParameter(1, contactId).setParameter(2, wanted.toArray(new UUID[0])).executeUpdate();
        if (!wanted.isEmpty()) {
            em.createNativeQuery("INSERT INTO category_contacts (category_id, contact_id, search, contact_created_at)"
                    + " SELECT k, c.id, c.search, c.created_at FROM contacts c, unnest(CAST(?2 AS uuid[])) k WHERE c.id = ?1"
                    + " ON CONFLICT DO NOTHING").setParameter(1, contactId).setParameter(2, wanted.toArray(new UUID[0]))
                    .executeUpdate();
        }
    }

    /** The categories of each of these contacts (one query for a page of the list). */
    public Map<UUID, List<ContactResponse.CategoryRef>> categoriesOf(Collection<UUID> contactIds) {
        Map<UUID, List<ContactResponse.CategoryRef>> byContact = new HashMap<>();
        contactIds.forEach(id -> byContact.put(id, new ArrayList<>()));
        if (contactIds.isEmpty()) {
            return byContact;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT cc.contact_id, c.id, c.name, c.colour FROM category_contacts cc"
                + " JOIN categories c ON c.id = cc.category_id WHERE cc.contact_id = ANY (CAST(?1 AS uuid[]))"
                + " ORDER BY lower(c.name)").setParameter(1, contactIds.toArray(new UUID[0])).getResultList();
        for (Object[] r : rows) {
            byContact.get((UUID) r[0]).add(new ContactResponse.CategoryRef((UUID) r[1], (String) r[2], (String) r[3]));
        }
        return byContact;
    }

    public List<ContactResponse.CategoryRef> categoriesOf(UUID contactId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT c.id, c.name, c.colour FROM categories c"
                + " JOIN category_contacts cc ON cc.category_id = c.id WHERE cc.contact_id = ?1 ORDER BY lower(c.name)")
                .setParameter(1, contactId).getResultList();
        return rows.stream().map(r -> new ContactResponse.CategoryRef((UUID) r[0], (String) r[1], (String) r[2]))
                .toList();
    }

    @Transactional
    public Contact update(UUID id, UpdateContactRequest req) {
        Contact c = get(id);
        Map<String, Object> changes = new LinkedHashMap<>();
        if (req.phone() != null) {
            PhoneNumbers.Parsed p = parsePhone(req.phone(), req.country());
            if (!p.e164().equals(c.phoneE164)) {
                Contact.findByPhone(p.e164()).ifPresent(other -> {
                    throw duplicate(p.e164());
                });
                c.phoneE164 = p.e164();
                c.countryCode = p.country();
                changes.put("phone", p.e164());
            }
        }
        if (req.firstName() != null) {
            c.firstName = trim(req.firstName());
            changes.put("firstName", c.firstName);
        }
        if (req.lastName() != null) {
            c.lastName = trim(req.lastName());
            changes.put("lastName", c.lastName);
        }
        if (req.attributes() != null) {
            c.attributes = new HashMap<>(req.attributes());
            changes.put("attributes", req.attributes().keySet());
        }
        if (req.notes() != null) {
            c.notes = req.notes();
        }
        if (req.optedOut() != null && req.optedOut() != c.optedOut) {
            c.optedOut = req.optedOut();
            c.optedOutAt = c.optedOut ? OffsetDateTime.now() : null;
            c.optOutSource = c.optedOut ? "admin" : null;
            changes.put("optedOut", c.optedOut);
        }
        if (req.categoryIds() != null) {
            replaceCategories(id, req.categoryIds());
            changes.put("categoryIds", req.categoryIds());
        }
        c.updatedAt = OffsetDateTime.now();
        try {
            em.flush();
        } catch (jakarta.persistence.PersistenceException e) {
            throw duplicate(c.phoneE164);
        }
        audit.record("contact.update", "contact", id, changes);
        return c;
    }

    @Transactional
    public void delete(UUID id) {
        Contact c = get(id);
        c.delete();
        audit.record("contact.delete", "contact", id, Map.of("phone", c.phoneE164));
    }

    /** Filters of the list; null means "any". */
    public record ListFilter(String q, UUID categoryId, String whatsappStatus, Boolean optedOut,
            Boolean sandboxJoined, Boolean hasReplied, UUID notInCategoryId) {
        public ListFilter(String q, UUID categoryId, String whatsappStatus, Boolean optedOut, Boolean sandboxJoined,
                Boolean hasReplied) {
            this(q, categoryId, whatsappStatus, optedOut, sandboxJoined, hasReplied, null);
        }
    }

    /** Contacts not in a category (the "add members" dialog). */
    public PageResponse<Contact> listNotIn(UUID categoryId, String q, PageRequest page) {
        return list(new ListFilter(q, null, null, null, null, null, categoryId), page, "lastName");
    }

    /**
     * The list counts matches up to this number, then answers "1 000+" (total = 1000, totalExact = false); a count
     * that exceeds its time budget answers totalExact = false too (see {@link #countBudgetMs}), and a filter the
     * planner expects to match more than {@link #ESTIMATE_ABOVE} contacts is not counted: total is the estimate.
     */
    public static final int COUNT_CAP = 1_000;
    /** Deepest row a page may start at: beyond, narrow with a search or a filter (or export). */
    public static final int MAX_OFFSET = 10_000;

    private static final String LIST_COLUMNS = "c.id, c.phone_e164, c.country_code, c.first_name, c.last_name,"
            + " c.attributes::text, c.notes, c.whatsapp_status, c.opted_out, c.opted_out_at, c.opt_out_source,"
            + " c.sandbox_joined_at, c.last_inbound_at, c.profile_name, c.inbound_only, c.created_at, c.updated_at";

    /**
     * A page of contacts. Built for a million rows: plain JDBC planned with the actual values (no generic plan that
     * would ignore how selective a category or a search is), one row more than the page to know whether a next page
     * exists, and a count that stops at {@link #COUNT_CAP} (the count is skipped when the page itself shows the end).
     */
    public PageResponse<Contact> list(ListFilter f, PageRequest page, String sort) {
        ContactQuery cq = ContactQuery.of(f);
        // With a search of 3+ characters the trigram index finds the matches; ordering them through the name index
        // instead would walk the table in name order, slow when the search is a name ("martin" sorted by name).
        String name = cq.trigramSearch() ? "(lower(c.last_name) || '')" : "lower(c.last_name)";
        // A search with another filter (a category, a flag): the planner multiplies their selectivities as if they
        // were independent; when they are not (no "dossou" in this category) a walk of the date index until the
        // page is full reads the whole table. The search's matches, found by the trigram index, are then sorted.
        // A number of 4+ digits likewise: few matches, sorted, instead of a walk the planner's estimate misleads.
        String created = cq.trigramSearch() && (cq.otherFilter() || cq.numberSearch())
                ? "(c.created_at + interval '0 s')" : "c.created_at";
        String sortKey = sort == null || sort.isBlank() ? "-createdAt" : sort;
        String order = switch (sortKey) {
            case "createdAt" -> " ORDER BY " + created + " ASC, c.id";
            case "-createdAt" -> " ORDER BY " + created + " DESC, c.id";
            case "lastName" -> " ORDER BY " + name + " ASC, c.id";
            case "-lastName" -> " ORDER BY " + name + " DESC, c.id";
            default -> throw ApiException.invalid(List.of(new FieldError("sort", "invalid",
                    "createdAt | -createdAt | lastName | -lastName")));
        };
        if (page.offset() > MAX_OFFSET) {
            throw ApiException.invalidField("page", "range", "field.export.page_too_deep");
        }
        // A category (and maybe a search), newest or oldest first: the memberships hold each contact's creation time
        // and search (V13), so the page is read from category_contacts and only its rows from contacts.
        boolean members = cq.members() != null && sortKey.endsWith("createdAt");
        String select;
        String from; // the selection, for the estimate and the count
        if (members) {
            String dir = sortKey.startsWith("-") ? "DESC" : "ASC";
            // With a search, the matching members come from the trigram index and are sorted (at most the matches);
            // walking the newest-first index instead would read the whole category when few members match.
            String key = cq.membersSearch() ? "(cc.contact_created_at + interval '0 s')" : "cc.contact_created_at";
            select = "SELECT " + LIST_COLUMNS + " FROM (SELECT cc.contact_id, cc.contact_created_at FROM "
                    + cq.members() + " ORDER BY " + key + " " + dir + ", cc.contact_id LIMIT " + (page.size() + 1)
                    + " OFFSET " + page.offset() + ") m JOIN contacts c ON c.id = m.contact_id"
                    + " ORDER BY m.contact_created_at " + dir + ", m.contact_id";
            from = cq.members();
        } else {
            select = "SELECT " + LIST_COLUMNS + " FROM contacts c WHERE " + cq.jdbcWhere() + order + " LIMIT "
                    + (page.size() + 1) + " OFFSET " + page.offset();
            from = "contacts c WHERE " + cq.jdbcWhere();
        }
        List<Contact> rows = new ArrayList<>(page.size() + 1);
        long counted = -1; // -1: not counted, UNCOUNTED: out of time, else the capped count
        long estimated = -1; // the planner's estimate, when large enough to skip the count
        long exactTotal = -1; // the category's member count, when the filter is the category alone
        try (Connection conn = dataSource.getConnection()) {
            try (PreparedStatement ps = conn.prepareStatement(select)) {
                cq.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(contact(rs));
                    }
                }
            }
            boolean hasMore = rows.size() > page.size();
            if (hasMore || (page.page() > 0 && rows.isEmpty())) {
                if (members && !cq.membersSearch()) {
                    exactTotal = memberCount(conn, cq);
                } else {
                    long estimate = estimate(conn, from, cq);
                    if (estimate > ESTIMATE_ABOVE) {
                        estimated = estimate;
                    } else {
                        counted = countWithinBudget(conn, from, cq);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        boolean hasMore = rows.size() > page.size();
        List<Contact> items = hasMore ? rows.subList(0, page.size()) : rows;
        // What the page proves: its rows, those before it, and one more when a next page exists.
        long seen = items.isEmpty() ? 0 : (long) page.offset() + items.size() + (hasMore ? 1 : 0);
        boolean exact = exactTotal >= 0 || (estimated < 0 && counted != UNCOUNTED && counted <= COUNT_CAP);
        long total;
        if (exactTotal >= 0) {
            total = Math.max(exactTotal, seen); // kept by triggers; a member added meanwhile may show on the page
        } else if (estimated >= 0) {
            total = Math.max(estimated, seen); // clearly large: the planner's estimate
        } else if (counted == -1 || counted == UNCOUNTED) {
            total = seen; // the page showed the end (exact), or the count ran out of time (what the page proves)
        } else {
            total = Math.max(Math.min(counted, COUNT_CAP), seen); // counted, up to the cap
        }
        return new PageResponse<>(List.copyOf(items), page.page(), page.size(), total, exact, hasMore);
    }

    /** The member count the triggers of V13 keep for the filter's category (its first parameter). */
    private long memberCount(Connection conn, ContactQuery cq) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT member_count FROM categories WHERE id = ?")) {
            ps.setObject(1, cq.params().get(0));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** Above this planner estimate the list does not count: it answers the estimate (totalExact = false). */
    static final int ESTIMATE_ABOVE = 2 * COUNT_CAP;
    private static final java.util.regex.Pattern PLAN_ROWS = java.util.regex.Pattern.compile("\"Plan Rows\":\\s*([0-9]+)");

    /**
     * The planner's estimate of the matches (statistics of V8 make it close for searches, categories and flags):
     * costs a plan, not a scan.
     */
    private long estimate(Connection conn, String from, ContactQuery cq) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("EXPLAIN (FORMAT JSON) SELECT 1 FROM " + from)) {
            cq.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    java.util.regex.Matcher m = PLAN_ROWS.matcher(rs.getString(1));
                    if (m.find()) {
                        return Long.parseLong(m.group(1));
                    }
                }
            }
        }
        return 0;
    }

    /** The count did not finish within {@link #countBudgetMs}. */
    private static final long UNCOUNTED = -2;

    /**
     * Time budget of the capped count, in milliseconds: a count that would take longer (a broad search on a busy
     * database) is cancelled and the page answers totalExact = false with the rows it proves (hasMore says more).
     */
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "relais.contacts.count-budget-ms", defaultValue = "50")
    long countBudgetMs;

    private long countWithinBudget(Connection conn, String from, ContactQuery cq) throws SQLException {
        boolean auto = conn.getAutoCommit();
        conn.setAutoCommit(false);
        try {
            try (java.sql.Statement st = conn.createStatement()) {
                st.execute("SET LOCAL statement_timeout = " + Math.max(1, countBudgetMs));
            }
            try (PreparedStatement ps = conn.prepareStatement("SELECT count(*) FROM (SELECT 1 FROM " + from
                    + " LIMIT " + (COUNT_CAP + 1) + ") t")) {
                cq.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            } catch (SQLException e) {
                if ("57014".equals(e.getSQLState())) { // query_canceled: statement_timeout reached
                    return UNCOUNTED;
                }
                throw e;
            }
        } finally {
            rollback(conn);
            conn.setAutoCommit(auto);
        }
    }

    /**
     * Ends the count's transaction. Its ROLLBACK still runs under the count's statement_timeout (SET LOCAL lasts until
     * the transaction ends): on a saturated machine it was seen cancelled after 50 ms, and the page answered 500. The
     * transaction is then aborted, still open: rolled back again.
     */
    private static void rollback(Connection conn) throws SQLException {
        for (int attempt = 1;; attempt++) {
            try {
                conn.rollback();
                return;
            } catch (SQLException e) {
                if (!"57014".equals(e.getSQLState()) || attempt >= 3) {
                    throw e;
                }
            }
        }
    }

    private Contact contact(ResultSet rs) throws SQLException {
        Contact c = new Contact();
        c.id = rs.getObject(1, UUID.class);
        c.phoneE164 = rs.getString(2);
        c.countryCode = rs.getString(3);
        c.firstName = rs.getString(4);
        c.lastName = rs.getString(5);
        try {
            c.attributes = json.readValue(rs.getString(6), STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        c.notes = rs.getString(7);
        c.whatsappStatus = rs.getString(8);
        c.optedOut = rs.getBoolean(9);
        c.optedOutAt = rs.getObject(10, OffsetDateTime.class);
        c.optOutSource = rs.getString(11);
        c.sandboxJoinedAt = rs.getObject(12, OffsetDateTime.class);
        c.lastInboundAt = rs.getObject(13, OffsetDateTime.class);
        c.profileName = rs.getString(14);
        c.inboundOnly = rs.getBoolean(15);
        c.createdAt = rs.getObject(16, OffsetDateTime.class);
        c.updatedAt = rs.getObject(17, OffsetDateTime.class);
        return c;
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<HashMap<String, String>> STRING_MAP =
            new com.fasterxml.jackson.core.type.TypeReference<>() {
            };

    /** Largest selection of a bulk action on explicit ids. */
    public static final int MAX_BULK_IDS = 10_000;

    private static final List<String> BULK_ACTIONS = List.of("add_to_category", "remove_from_category", "delete", "opt_out");

    private static ApiException invalidBulk(String action, String field, String code, String message) {
        return new ApiException(400, "contact-invalid-bulk", List.of(new FieldError(field, code, message)), Map.of(), null,
                action);
    }

    @Transactional
    public BulkContactsResponse bulk(BulkContactsRequest req) {
        String action = req.action() == null ? "" : req.action();
        if (!BULK_ACTIONS.contains(action)) {
            throw invalidBulk(action, "action", "invalid_bulk_action", null);
        }
        if ((req.ids() == null) == (req.filter() == null)) {
            String field = req.ids() == null ? "ids" : "filter";
            throw ApiException.invalidField(field, "ids_or_filter", "field.export.ids_or_filter");
        }
        if (req.ids() != null && req.ids().size() > MAX_BULK_IDS) {
            throw ApiException.invalidField("ids", "too_many", "field.export.too_many_ids");
        }
        if (req.ids() != null && req.ids().contains(null)) {
            throw ApiException.invalidField("ids[" + req.ids().indexOf(null) + "]", "required", null);
        }
        boolean category = action.equals("add_to_category") || action.equals("remove_from_category");
        if (category) {
            if (req.categoryId() == null) {
                throw invalidBulk(action, "categoryId", "required", null);
            }
            if (em.createNativeQuery("SELECT 1 FROM categories WHERE id = ?1").setParameter(1, req.categoryId())
                    .getResultList().isEmpty()) {
                throw ApiException.notFound("Category", req.categoryId());
            }
        }
        // The selection, as a set-based condition on contacts c: the ids, or the filter of the list.
        String selection;
        List<Object> params = new ArrayList<>();
        int requested;
        if (req.ids() != null) {
            selection = "c.id = ANY(cast(?1 as uuid[]))";
            params.add(req.ids().stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}")));
            requested = req.ids().size();
        } else {
            ContactQuery cq = ContactQuery.of(req.filter().toListFilter());
            selection = cq.where();
            params.addAll(cq.params());
            requested = -1;
        }
        String next = "?" + (params.size() + 1);
        String sql = switch (action) {
            // The memberships take their contact's search and creation time here (V13), read under the lock the
            // foreign key takes anyway: a concurrent rename is waited for and its new values are read; without
            // them the trigger would look each contact up again (100,000 members: 2.7 s instead of 5.0 s).
            case "add_to_category" -> "INSERT INTO category_contacts (category_id, contact_id, search,"
                    + " contact_created_at) SELECT " + next + ", c.id, c.search, c.created_at FROM contacts c WHERE "
                    + selection + " FOR KEY SHARE OF c ON CONFLICT DO NOTHING";
            case "remove_from_category" -> "DELETE FROM category_contacts d WHERE d.category_id = " + next
                    + " AND d.contact_id IN (SELECT c.id FROM contacts c WHERE " + selection + ")";
            case "delete" -> "DELETE FROM contacts c WHERE " + selection;
            default -> "UPDATE contacts c SET opted_out = true, opted_out_at = now(), opt_out_source = 'admin',"
                    + " updated_at = now() WHERE " + selection + " AND NOT c.opted_out";
        };
        if (category) {
            params.add(req.categoryId());
        }
        if (requested < 0) {
            // With a filter, "requested" is the number of matching contacts (counted in the same transaction).
            Query count = em.createNativeQuery("SELECT count(*) FROM contacts c WHERE " + selection);
            for (int i = 0; i < params.size() - (category ? 1 : 0); i++) {
                count.setParameter(i + 1, params.get(i));
            }
            requested = ((Number) count.getSingleResult()).intValue();
        }
        Query update = em.createNativeQuery(sql);
        for (int i = 0; i < params.size(); i++) {
            update.setParameter(i + 1, params.get(i));
        }
        int affected = update.executeUpdate();
        Map<String, Object> details = new HashMap<>();
        details.put("count", affected);
        details.put("requested", requested);
        if (req.categoryId() != null) {
            details.put("categoryId", req.categoryId().toString());
        }
        if (req.filter() != null) {
            details.put("filter", req.filter().describe());
        }
        audit.record("contact.bulk." + action, "contact", null, details);
        return new BulkContactsResponse(action, requested, affected);
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }

}
