package app.relais.messages.log;

import app.relais.common.api.PageRequest;
import app.relais.common.api.PageResponse;
import app.relais.common.error.ApiException;
import app.relais.contacts.ContactQuery;
import app.relais.common.error.FieldError;
import app.relais.common.db.Jdbc;
import app.relais.stats.ErrorExplanations;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads for the messages log, a contact's conversation and the conversations inbox. Plain JDBC over
 * the indexes the engine already keeps: messages (created_at), messages (contact_id, created_at) and
 * contacts (last_inbound_at) of V14. Totals are counted up to {@link #COUNT_CAP} within a time budget
 * (the log spans millions of rows): beyond, {@code totalExact} is false.
 */
@ApplicationScoped
public class MessageLogService {

    static final int COUNT_CAP = 10_000;
    static final int MAX_OFFSET = 10_000;
    /** WhatsApp's customer service window: free-form answers within 24 h of the contact's last message. */
    static final long WINDOW_HOURS = 24;

    static final Set<String> STATUSES = Set.of("queued", "sending", "sent", "delivered", "read", "failed", "undelivered",
            "received");
    static final Set<String> KINDS = Set.of("message_1", "message_2", "reply", "manual", "test");
    static final Set<String> DIRECTIONS = Set.of("outbound", "inbound");
    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{6,14}$");

    private static final String COLUMNS = "m.id, m.direction, m.kind, m.campaign_id, c.name, m.contact_id, k.phone_e164,"
            + " btrim(k.first_name || ' ' || k.last_name), m.body, m.content_sid, m.media::text, m.status, m.error_code,"
            + " m.error_message, m.failure_kind, m.attempts, m.twilio_sid, m.created_at, m.sent_at, m.delivered_at,"
            + " m.read_at, m.failed_at, m.received_at";
    private static final String FROM = " FROM messages m JOIN contacts k ON k.id = m.contact_id"
            + " LEFT JOIN campaigns c ON c.id = m.campaign_id";

    /** Filters of the messages log; every field optional. */
    public record Filter(List<String> statuses, String kind, String direction, UUID campaignId, UUID contactId,
            Integer errorCode, OffsetDateTime since, OffsetDateTime until, String phone) {
    }

    private final DataSource dataSource;
    private final ObjectMapper json;

    @ConfigProperty(name = "relais.messages.count-budget-ms", defaultValue = "200")
    long countBudgetMs;

    public MessageLogService(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** The messages log, newest first. */
    public PageResponse<MessageResponse> list(Filter f, PageRequest page, Locale locale) {
        List<FieldError> errors = new ArrayList<>();
        for (String s : f.statuses()) {
            if (!STATUSES.contains(s)) {
                errors.add(new FieldError("status", "invalid_value", String.join(", ", STATUSES.stream().sorted().toList())));
            }
        }
        if (f.kind() != null && !KINDS.contains(f.kind())) {
            errors.add(new FieldError("kind", "invalid_value", String.join(", ", KINDS.stream().sorted().toList())));
        }
        if (f.direction() != null && !DIRECTIONS.contains(f.direction())) {
            errors.add(new FieldError("direction", "invalid_value", "outbound, inbound"));
        }
        if (f.phone() != null && !E164.matcher(f.phone()).matches()) {
            errors.add(new FieldError("phone", "invalid_format", "+E.164, e.g. +33612345678"));
        }
        if (f.since() != null && f.until() != null && !f.since().isBefore(f.until())) {
            errors.add(new FieldError("until", "before_since", "until > since"));
        }
        if (page.offset() > MAX_OFFSET) {
            errors.add(new FieldError("page", "range", "page × size ≤ " + MAX_OFFSET + ": narrow the filters"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> args = new ArrayList<>();
        if (!f.statuses().isEmpty()) {
            where.append(" AND m.status = ANY(?)");
            args.add(f.statuses().toArray(String[]::new));
        }
        add(where, args, " AND m.kind = ?", f.kind());
        add(where, args, " AND m.direction = ?", f.direction());
        add(where, args, " AND m.campaign_id = ?", f.campaignId());
        add(where, args, " AND m.contact_id = ?", f.contactId());
        add(where, args, " AND m.error_code = ?", f.errorCode());
        add(where, args, " AND m.created_at >= ?", f.since());
        add(where, args, " AND m.created_at < ?", f.until());
        add(where, args, " AND k.phone_e164 = ?", f.phone());
        return page(where.toString(), args, page, locale, true);
    }

    /**
     * One contact's messages, newest first (its conversation, both directions). Reading its first page is an
     * admin opening the thread: the contact's replies so far are read (the inbox's unread count drops to 0).
     */
    public PageResponse<MessageResponse> conversation(UUID contactId, PageRequest page, Locale locale) {
        if (page.page() == 0) {
            markRead(contactId);
        } else if (!contactExists(contactId)) {
            throw ApiException.notFound("Contact", contactId);
        }
        return page(" WHERE m.contact_id = ?", List.of(contactId), page, locale, false);
    }

    /** The contact's replies so far are read; 404 for an unknown contact. */
    public void markRead(UUID contactId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE contacts SET conversation_read_at = now() WHERE id = ?")) {
            ps.setObject(1, contactId);
            if (ps.executeUpdate() == 0) {
                throw ApiException.notFound("Contact", contactId);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<MessageDetailResponse> detail(UUID id, Locale locale) {
        List<MessageResponse> found = new ArrayList<>(1);
        query("SELECT " + COLUMNS + FROM + " WHERE m.id = ?", List.of(id), rs -> found.add(message(rs, locale)));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        List<MessageDetailResponse.StatusEvent> events = new ArrayList<>();
        query("SELECT status, error_code, error_message, received_at FROM message_status_events WHERE message_id = ?"
                + " ORDER BY received_at, id", List.of(id), rs -> events.add(new MessageDetailResponse.StatusEvent(
                        rs.getString(1), (Integer) rs.getObject(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class))));
        return Optional.of(new MessageDetailResponse(found.get(0), events));
    }

    /** Contacts who wrote to us, the most recent first, each with its newest message either way. */
    public PageResponse<ConversationResponse> conversations(Boolean windowOpen, String q, PageRequest page, Locale locale) {
        if (page.offset() > MAX_OFFSET) {
            throw ApiException.invalidField("page", "range", "page × size ≤ " + MAX_OFFSET);
        }
        // Alias ct, not k: the lateral subquery has its own k (contacts joined to messages).
        String like = ContactQuery.searchPattern(q);
        String where = " WHERE ct.last_inbound_at IS NOT NULL"
                + (windowOpen == null ? "" : windowOpen ? " AND ct.last_inbound_at > now() - interval '24 hours'"
                        : " AND ct.last_inbound_at <= now() - interval '24 hours'")
                + (like == null ? "" : " AND ct.search LIKE ?");
        List<Object> args = like == null ? List.of() : List.of(like);
        List<ConversationResponse> rows = new ArrayList<>(page.size() + 1);
        OffsetDateTime now = OffsetDateTime.now();
        query("SELECT ct.id, ct.phone_e164, btrim(ct.first_name || ' ' || ct.last_name), ct.profile_name, ct.opted_out,"
                + " ct.last_inbound_at, (SELECT count(*) FROM messages u WHERE u.contact_id = ct.id AND u.direction = 'inbound'"
                + " AND u.created_at > COALESCE(ct.conversation_read_at, '-infinity')), l.* FROM contacts ct"
                + " LEFT JOIN LATERAL (SELECT " + COLUMNS + FROM
                + " WHERE m.contact_id = ct.id ORDER BY m.created_at DESC, m.id DESC LIMIT 1) l ON true" + where
                + " ORDER BY ct.last_inbound_at DESC, ct.id DESC LIMIT " + (page.size() + 1) + " OFFSET " + page.offset(),
                args, rs -> {
                    OffsetDateTime last = rs.getObject(6, OffsetDateTime.class);
                    OffsetDateTime closes = last.plusHours(WINDOW_HOURS);
                    MessageResponse lastMessage = rs.getObject(8) == null ? null : message(rs, 7, locale);
                    rows.add(new ConversationResponse(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getBoolean(5), last, closes.isAfter(now), closes, rs.getLong(7), lastMessage));
                });
        long[] total = new long[1];
        query("SELECT count(*) FROM contacts ct" + where, args, rs -> total[0] = rs.getLong(1));
        boolean hasMore = rows.size() > page.size();
        return new PageResponse<>(List.copyOf(hasMore ? rows.subList(0, page.size()) : rows), page.page(), page.size(),
                total[0], true, hasMore);
    }

    private PageResponse<MessageResponse> page(String where, List<Object> args, PageRequest page, Locale locale,
            boolean capped) {
        List<MessageResponse> rows = new ArrayList<>(page.size() + 1);
        long counted;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + FROM + where
                    + " ORDER BY m.created_at DESC, m.id DESC LIMIT " + (page.size() + 1) + " OFFSET " + page.offset())) {
                bind(c, ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(message(rs, locale));
                    }
                }
            }
            boolean more = rows.size() > page.size();
            counted = !more && (page.page() == 0 || !rows.isEmpty()) ? -1 : count(c, where, args, capped);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        boolean hasMore = rows.size() > page.size();
        List<MessageResponse> items = List.copyOf(hasMore ? rows.subList(0, page.size()) : rows);
        long seen = items.isEmpty() ? 0 : (long) page.offset() + items.size() + (hasMore ? 1 : 0);
        if (counted == -1) {
            return new PageResponse<>(items, page.page(), page.size(), seen, true, false); // the page showed the end
        }
        if (counted < 0 || (capped && counted > COUNT_CAP)) {
            return new PageResponse<>(items, page.page(), page.size(), Math.max(seen, counted < 0 ? 0 : COUNT_CAP), false,
                    hasMore);
        }
        return new PageResponse<>(items, page.page(), page.size(), Math.max(counted, seen), true, hasMore);
    }

    /** The matches up to COUNT_CAP + 1, or -2 when the count ran out of its time budget. */
    private long count(Connection c, String where, List<Object> args, boolean capped) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL statement_timeout = " + Math.max(1, countBudgetMs));
            }
            String join = where.contains("k.") ? " JOIN contacts k ON k.id = m.contact_id" : "";
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM (SELECT 1 FROM messages m" + join + where
                    + (capped ? " LIMIT " + (COUNT_CAP + 1) : "") + ") t")) {
                bind(c, ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        } catch (SQLException e) {
            if ("57014".equals(e.getSQLState())) { // query_canceled: over budget
                c.rollback();
                return -2;
            }
            throw e;
        } finally {
            try {
                c.commit();
            } catch (SQLException ignored) {
                // rolled back above
            }
            c.setAutoCommit(auto);
        }
    }

    private boolean contactExists(UUID id) {
        boolean[] found = new boolean[1];
        query("SELECT 1 FROM contacts WHERE id = ?", List.of(id), rs -> found[0] = true);
        return found[0];
    }

    private MessageResponse message(ResultSet rs, Locale locale) throws SQLException {
        return message(rs, 0, locale);
    }

    /** Reads {@link #COLUMNS} starting after column {@code skip}. */
    private MessageResponse message(ResultSet rs, int skip, Locale locale) throws SQLException {
        int i = skip;
        Integer errorCode = (Integer) rs.getObject(i + 13);
        String status = rs.getString(i + 12);
        boolean failed = "failed".equals(status) || "undelivered".equals(status);
        return new MessageResponse(rs.getObject(i + 1, UUID.class), rs.getString(i + 2), rs.getString(i + 3),
                rs.getObject(i + 4, UUID.class), rs.getString(i + 5), rs.getObject(i + 6, UUID.class), rs.getString(i + 7),
                rs.getString(i + 8), rs.getString(i + 9), rs.getString(i + 10), media(rs.getString(i + 11)), status,
                errorCode, rs.getString(i + 14), failed || errorCode != null ? ErrorExplanations.explain(errorCode, locale) : null,
                rs.getString(i + 15), rs.getInt(i + 16), rs.getString(i + 17), rs.getObject(i + 18, OffsetDateTime.class),
                rs.getObject(i + 19, OffsetDateTime.class), rs.getObject(i + 20, OffsetDateTime.class),
                rs.getObject(i + 21, OffsetDateTime.class), rs.getObject(i + 22, OffsetDateTime.class),
                rs.getObject(i + 23, OffsetDateTime.class));
    }

    private List<MessageResponse.Media> media(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try {
            List<Map<String, String>> items = json.readValue(text, new TypeReference<List<Map<String, String>>>() {
            });
            return items.stream().map(m -> new MessageResponse.Media(m.get("url"), m.get("contentType"))).toList();
        } catch (Exception e) {
            return List.of();
        }
    }

    private static void add(StringBuilder where, List<Object> args, String clause, Object value) {
        if (value != null) {
            where.append(clause);
            args.add(value);
        }
    }

    private static void bind(Connection c, PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof String[] array) {
                ps.setArray(i + 1, c.createArrayOf("text", array));
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }

    /** Runs a read through the common JDBC helper, binding {@code args} as {@link #bind} does. */
    private void query(String sql, List<Object> args, Jdbc.RowReader reader) {
        Jdbc.query(dataSource, sql, ps -> bind(ps.getConnection(), ps, args), reader);
    }
}
