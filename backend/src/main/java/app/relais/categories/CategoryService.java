package app.relais.categories;

import app.relais.common.api.PageRequest;
import app.relais.common.api.PageResponse;
import app.relais.common.audit.AuditService;
import app.relais.common.error.ApiException;
import app.relais.contacts.BulkContactsRequest;
import app.relais.contacts.BulkContactsResponse;
import app.relais.contacts.Contact;
import app.relais.contacts.ContactService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class CategoryService {

    @Inject
    EntityManager em;

    @Inject
    AuditService audit;

    @Inject
    ContactService contacts;

    public Category get(UUID id) {
        Category c = Category.findById(id);
        if (c == null) {
            throw ApiException.notFound("Category", id);
        }
        return c;
    }

    private void checkNameFree(String name, UUID except) {
        List<?> hit = em.createNativeQuery("SELECT id FROM categories WHERE lower(name) = lower(?1)")
                .setParameter(1, name).getResultList();
        if (!hit.isEmpty() && !hit.get(0).equals(except)) {
            throw ApiException.conflict("category-name-taken", name);
        }
    }

    @Transactional
    public Category create(CategoryRequest req) {
        if (req == null || req.name() == null || req.name().isBlank()) {
            throw ApiException.invalidField("name", "required", "name");
        }
        String name = req.name().strip();
        checkNameFree(name, null);
        Category c = new Category();
        c.name = name;
        if (req.colour() != null) {
            c.colour = req.colour().toUpperCase(Locale.ROOT);
        }
        c.description = req.description() == null ? "" : req.description();
        c.persist();
        flushOrTaken(name);
        audit.record("category.create", "category", c.id, Map.of("name", name));
        return c;
    }

    private void flushOrTaken(String name) {
        try {
            em.flush();
        } catch (jakarta.persistence.PersistenceException e) {
            throw ApiException.conflict("category-name-taken", name);
        }
    }

    @Transactional
    public Category update(UUID id, CategoryRequest req) {
        Category c = get(id);
        if (req.name() != null) {
            if (req.name().isBlank()) {
                throw ApiException.invalidField("name", "required", "name");
            }
            checkNameFree(req.name().strip(), id);
            c.name = req.name().strip();
        }
        if (req.colour() != null) {
            c.colour = req.colour().toUpperCase(Locale.ROOT);
        }
        if (req.description() != null) {
            c.description = req.description();
        }
        c.updatedAt = OffsetDateTime.now();
        flushOrTaken(c.name);
        audit.record("category.update", "category", id, Map.of("name", c.name));
        return c;
    }

    @Transactional
    public void delete(UUID id) {
        Category c = get(id);
        boolean used = !em.createNativeQuery("SELECT 1 FROM campaign_categories WHERE category_id = ?1 LIMIT 1")
                .setParameter(1, id).getResultList().isEmpty();
        if (used) {
            throw ApiException.conflict("category-in-use", c.name);
        }
        c.delete();
        audit.record("category.delete", "category", id, Map.of("name", c.name));
    }

    public PageResponse<Category> list(PageRequest page, String q) {
        String where = q == null || q.isBlank() ? "" : " WHERE lower(name) LIKE :q";
        Query count = em.createNativeQuery("SELECT count(*) FROM categories" + where);
        Query select = em.createNativeQuery("SELECT * FROM categories" + where + " ORDER BY lower(name), id",
                Category.class);
        if (!where.isEmpty()) {
            String like = "%" + q.strip().toLowerCase(Locale.ROOT).replace("%", "\\%").replace("_", "\\_") + "%";
            count.setParameter("q", like);
            select.setParameter("q", like);
        }
        @SuppressWarnings("unchecked")
        List<Category> items = select.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        return new PageResponse<>(items, page.page(), page.size(), ((Number) count.getSingleResult()).longValue());
    }

    public PageResponse<Contact> members(UUID id, PageRequest page, String q) {
        get(id);
        return contacts.list(new ContactService.ListFilter(q, id, null, null, null, null), page, "lastName");
    }

    public PageResponse<Contact> candidates(UUID id, PageRequest page, String q) {
        get(id);
        return contacts.listNotIn(id, q, page);
    }

    @Transactional
    public BulkContactsResponse members(UUID id, List<UUID> ids, boolean add) {
        get(id);
        return contacts.bulk(new BulkContactsRequest(add ? "add_to_category" : "remove_from_category", ids, id));
    }
}
