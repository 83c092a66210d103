package app.relais.contacts;

import app.relais.common.error.ApiException;
import app.relais.common.error.FieldError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The WHERE clause of a contact filter over {@code contacts c}, shared by the list, the CSV export and the bulk
 * actions by filter. Parameters are ordinal ({@code ?1, ?2…} for Hibernate native queries; {@link #jdbcWhere()}
 * gives plain {@code ?} for JDBC, in the same order).
 */
public final class ContactQuery {

    static final List<String> WHATSAPP_STATUSES = List.of("unknown", "ok", "not_on_whatsapp");

    private final StringBuilder where = new StringBuilder("true");
    private boolean trigramSearch;
    private boolean numberSearch;
    private boolean otherFilter;
    /** "category_contacts cc WHERE …" when the filter is a category and maybe a search, nothing else (V13). */
    private String members;
    private final List<Object> params = new ArrayList<>();

    private ContactQuery() {
    }

    static ContactQuery of(ContactService.ListFilter f) {
        ContactQuery cq = new ContactQuery();
        if (f == null) {
            return cq;
        }
        String like = searchPattern(f.q()); // the LIKE pattern of the search, if any
        if (like != null) {
            String q = f.q().strip().toLowerCase(Locale.ROOT);
            String digits = digitsOf(q);
            cq.trigramSearch = q.length() >= 3;
            if (isNumber(q, digits)) {
                cq.trigramSearch = digits.length() >= 3;
                cq.numberSearch = digits.length() >= 4;
            }
        }
        // Conditions that may keep few contacts (a category, a status, a "true" flag); "optedOut=false" and
        // "not in this category" keep most of them.
        cq.otherFilter = f.categoryId() != null || (f.whatsappStatus() != null && !f.whatsappStatus().isBlank())
                || Boolean.TRUE.equals(f.optedOut()) || Boolean.TRUE.equals(f.sandboxJoined())
                || Boolean.TRUE.equals(f.hasReplied());
        if (f.categoryId() != null && like != null && cq.trigramSearch) {
            // A category and a search: the memberships carry a copy of their contact's search, indexed with the
            // category (V13), so only the members that match are read, however many contacts match elsewhere.
            cq.where.append(" AND EXISTS (SELECT 1 FROM category_contacts cc WHERE cc.contact_id = c.id"
                    + " AND cc.category_id = ").append(cq.param(f.categoryId()))
                    .append(" AND cc.search LIKE ").append(cq.param(like)).append(")");
        } else {
            if (like != null) {
                cq.where.append(" AND c.search LIKE ").append(cq.param(like));
            }
            if (f.categoryId() != null) {
                cq.where.append(" AND EXISTS (SELECT 1 FROM category_contacts cc WHERE cc.contact_id = c.id"
                        + " AND cc.category_id = ").append(cq.param(f.categoryId())).append(")");
            }
        }
        boolean onlyCategory = f.notInCategoryId() == null
                && (f.whatsappStatus() == null || f.whatsappStatus().isBlank()) && f.optedOut() == null
                && f.sandboxJoined() == null && f.hasReplied() == null;
        if (f.categoryId() != null && onlyCategory && (like == null || cq.trigramSearch)) {
            // Same parameters, same order (category, then pattern), over the memberships alone.
            cq.members = "category_contacts cc WHERE cc.category_id = ?" + (like == null ? "" : " AND cc.search LIKE ?");
        }
        if (f.notInCategoryId() != null) {
            cq.where.append(" AND NOT EXISTS (SELECT 1 FROM category_contacts cc WHERE cc.contact_id = c.id"
                    + " AND cc.category_id = ").append(cq.param(f.notInCategoryId())).append(")");
        }
        if (f.whatsappStatus() != null && !f.whatsappStatus().isBlank()) {
            if (!WHATSAPP_STATUSES.contains(f.whatsappStatus())) {
                throw ApiException.invalid(List.of(new FieldError("whatsappStatus", "invalid",
                        "unknown | ok | not_on_whatsapp")));
            }
            cq.where.append(" AND c.whatsapp_status = ").append(cq.param(f.whatsappStatus()));
        }
        if (f.optedOut() != null) {
            cq.where.append(" AND c.opted_out = ").append(cq.param(f.optedOut()));
        }
        if (f.sandboxJoined() != null) {
            cq.where.append(f.sandboxJoined() ? " AND c.sandbox_joined_at IS NOT NULL"
                    : " AND c.sandbox_joined_at IS NULL");
        }
        if (f.hasReplied() != null) {
            cq.where.append(f.hasReplied() ? " AND c.last_inbound_at IS NOT NULL" : " AND c.last_inbound_at IS NULL");
        }
        return cq;
    }

    private String param(Object value) {
        params.add(value);
        return "?" + params.size();
    }

    /** The condition with Hibernate ordinal parameters ?1, ?2… */
    String where() {
        return where.toString();
    }

    /** The same condition with JDBC "?" placeholders. */
    String jdbcWhere() {
        return where.toString().replaceAll("\\?[0-9]+", "?");
    }

    /** Values of the parameters, in order (index 0 is ?1). */
    List<Object> params() {
        return Collections.unmodifiableList(params);
    }

    /** Whether the filter holds a condition besides the search that may keep few contacts. */
    boolean otherFilter() {
        return otherFilter;
    }

    /**
     * When the filter is a category, maybe with a search of 3+ characters, and nothing else: the same selection over
     * category_contacts alone ("category_contacts cc WHERE …", same parameters), whose copies of each contact's
     * search and creation time (V13) give the members matching, newest first, without reading the contacts.
     * Null otherwise.
     */
    String members() {
        return members;
    }

    /** Whether the members selection holds the search. */
    boolean membersSearch() {
        return members != null && params.size() == 2;
    }

    /**
     * Whether the search is a number of 4+ digits: it matches few contacts (≈ 9 positions × 10⁻ⁿ of them for n
     * digits), but the planner's estimate for digit trigrams is often far too high, and it then walks the
     * newest-first index through hundreds of thousands of rows (80-100 ms for 5 digits on 1 M contacts).
     */
    boolean numberSearch() {
        return numberSearch;
    }

    /** Whether the filter holds a search long enough for the trigram index (3+ characters). */
    boolean trigramSearch() {
        return trigramSearch;
    }

    /**
     * Binds the parameters to a JDBC statement, planned with these values each time (no server-side prepared
     * statement whose generic plan would ignore how selective a category or a search is). Returns the count bound.
     */
    int bind(java.sql.PreparedStatement ps) throws java.sql.SQLException {
        if (ps.isWrapperFor(org.postgresql.PGStatement.class)) {
            ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(0);
        }
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
        return params.size();
    }

    /** Binds the parameters to a Hibernate native query. */
    jakarta.persistence.Query bind(jakarta.persistence.Query q) {
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(i + 1, params.get(i));
        }
        return q;
    }

    /**
     * The LIKE pattern over a contact's {@code search} column (names and number, lower case) for a search as
     * typed, or null for no search. A number as typed ("06 12 34 56 78", "+33 6…") is searched by its digits
     * without the leading 0s; the spelling itself is not: its short "words" (06, 12…) hit trigrams every row holds.
     */
    public static String searchPattern(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String q = raw.strip().toLowerCase(Locale.ROOT);
        String digits = digitsOf(q);
        return "%" + (isNumber(q, digits) ? digits : escapeLike(q)) + "%";
    }

    private static String digitsOf(String q) {
        return q.replaceAll("[^0-9]", "").replaceFirst("^0+", "");
    }

    private static boolean isNumber(String q, String digits) {
        return digits.length() >= 2 && q.matches("[0-9 +.\\-()]+");
    }

    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
