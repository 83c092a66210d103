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
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    PhoneNumbers.Parsed parsePhone(String phone, String country) {
        PhoneNumbers.Parsed p = PhoneNumbers.parse(phone,
                country == null || country.isBlank() ? phoneNumbers.defaultCountry() : country);
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

    public PageResponse<Contact> list(ListFilter f, PageRequest page, String sort) {
        StringBuilder where = new StringBuilder(" WHERE true");
        Map<String, Object> params = new HashMap<>();
        if (f.q() != null && !f.q().isBlank()) {
            String q = f.q().strip().toLowerCase(Locale.ROOT);
            String digits = q.replaceAll("[^0-9]", "").replaceFirst("^0+", "");
            where.append(" AND (c.search LIKE :q");
            params.put("q", "%" + escapeLike(q) + "%");
            if (digits.length() >= 2 && q.matches("[0-9 +.\\-()]+")) {
                where.append(" OR c.search LIKE :digits");
                params.put("digits", "%" + digits + "%");
            }
            where.append(")");
        }
        if (f.categoryId() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM category_contacts cc WHERE cc.contact_id = c.id"
                    + " AND cc.category_id = :cat)");
            params.put("cat", f.categoryId());
        }
        if (f.notInCategoryId() != null) {
            where.append(" AND NOT EXISTS (SELECT 1 FROM category_contacts cc WHERE cc.contact_id = c.id"
                    + " AND cc.category_id = :notcat)");
            params.put("notcat", f.notInCategoryId());
        }
        if (f.whatsappStatus() != null && !f.whatsappStatus().isBlank()) {
            if (!List.of("unknown", "ok", "not_on_whatsapp").contains(f.whatsappStatus())) {
                throw ApiException.invalid(List.of(new FieldError("whatsappStatus", "invalid",
                        "unknown | ok | not_on_whatsapp")));
            }
            where.append(" AND c.whatsapp_status = :ws");
            params.put("ws", f.whatsappStatus());
        }
        if (f.optedOut() != null) {
            where.append(" AND c.opted_out = :oo");
            params.put("oo", f.optedOut());
        }
        if (f.sandboxJoined() != null) {
            where.append(f.sandboxJoined() ? " AND c.sandbox_joined_at IS NOT NULL" : " AND c.sandbox_joined_at IS NULL");
        }
        if (f.hasReplied() != null) {
            where.append(f.hasReplied() ? " AND c.last_inbound_at IS NOT NULL" : " AND c.last_inbound_at IS NULL");
        }
        String order = switch (sort == null || sort.isBlank() ? "-createdAt" : sort) {
            case "createdAt" -> " ORDER BY c.created_at ASC, c.id";
            case "-createdAt" -> " ORDER BY c.created_at DESC, c.id";
            case "lastName" -> " ORDER BY lower(c.last_name) ASC, c.id";
            case "-lastName" -> " ORDER BY lower(c.last_name) DESC, c.id";
            default -> throw ApiException.invalid(List.of(new FieldError("sort", "invalid",
                    "createdAt | -createdAt | lastName | -lastName")));
        };
        Query count = em.createNativeQuery("SELECT count(*) FROM contacts c" + where);
        Query select = em.createNativeQuery("SELECT c.* FROM contacts c" + where + order, Contact.class);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            select.setParameter(k, v);
        });
        long total = ((Number) count.getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Contact> items = select.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        return new PageResponse<>(items, page.page(), page.size(), total);
    }

    @Transactional
    public BulkContactsResponse bulk(BulkContactsRequest req) {
        String action = req.action() == null ? "" : req.action();
        List<UUID> ids = req.ids() == null ? List.of() : req.ids();
        if (ids.size() > 10_000) {
            throw ApiException.invalidField("ids", "too_many", "≤ 10000");
        }
        String array = ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
        int affected;
        switch (action) {
            case "add_to_category", "remove_from_category" -> {
                if (req.categoryId() == null) {
                    throw new ApiException(400, "contact-invalid-bulk", action);
                }
                if (em.createNativeQuery("SELECT 1 FROM categories WHERE id = ?1").setParameter(1, req.categoryId())
                        .getResultList().isEmpty()) {
                    throw ApiException.notFound("Category", req.categoryId());
                }
                affected = em.createNativeQuery(action.equals("add_to_category")
                        ? "INSERT INTO category_contacts (category_id, contact_id) SELECT ?1, c.id FROM contacts c"
                                + " WHERE c.id = ANY(cast(?2 as uuid[])) ON CONFLICT DO NOTHING"
                        : "DELETE FROM category_contacts WHERE category_id = ?1 AND contact_id = ANY(cast(?2 as uuid[]))")
                        .setParameter(1, req.categoryId()).setParameter(2, array).executeUpdate();
            }
            case "delete" -> affected = em.createNativeQuery("DELETE FROM contacts WHERE id = ANY(cast(?1 as uuid[]))")
                    .setParameter(1, array).executeUpdate();
            case "opt_out" -> affected = em.createNativeQuery("UPDATE contacts SET opted_out = true,"
                    + " opted_out_at = now(), opt_out_source = 'admin', updated_at = now()"
                    + " WHERE id = ANY(cast(?1 as uuid[])) AND NOT opted_out").setParameter(1, array).executeUpdate();
            default -> throw new ApiException(400, "contact-invalid-bulk", action);
        }
        Map<String, Object> details = new HashMap<>();
        details.put("count", affected);
        if (req.categoryId() != null) {
            details.put("categoryId", req.categoryId().toString());
        }
        audit.record("contact.bulk." + action, "contact", null, details);
        return new BulkContactsResponse(action, ids.size(), affected);
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
