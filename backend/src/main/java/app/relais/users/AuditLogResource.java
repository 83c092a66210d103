package app.relais.users;

import app.relais.common.db.SqlTimes;
import app.relais.common.api.PageRequest;
import app.relais.common.error.ApiException;
import app.relais.common.api.PageResponse;
import app.relais.common.api.Roles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/audit-log")
@RolesAllowed(Roles.SUPER_ADMIN)
@SecurityRequirement(name = "bearer")
@Tag(name = "Audit log", description = "Who did what, when, on which object (super admin only)")
public class AuditLogResource {

    @Schema(name = "AuditEntry")
    public record AuditEntry(long id, UUID actorId, String actorEmail, String action, String targetType,
            String targetId, JsonNode details, String ip, OffsetDateTime createdAt) {
    }

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @GET
    @Operation(summary = "Read the audit log, newest first")
    public PageResponse<AuditEntry> list(@QueryParam("actorId") UUID actorId, @QueryParam("action") String action,
            @QueryParam("targetType") String targetType, @QueryParam("targetId") String targetId,
            @QueryParam("from") OffsetDateTime from, @QueryParam("to") OffsetDateTime to,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        PageRequest p = PageRequest.of(page, size);
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiException.invalidField("to", "range_inverted", null);
        }
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (actorId != null) {
            where.add("actor_id = :actor");
            params.put("actor", actorId);
        }
        if (action != null && !action.isBlank()) {
            where.add("action = :action");
            params.put("action", action);
        }
        if (targetType != null && !targetType.isBlank()) {
            where.add("target_type = :ttype");
            params.put("ttype", targetType);
        }
        if (targetId != null && !targetId.isBlank()) {
            where.add("target_id = :tid");
            params.put("tid", targetId);
        }
        if (from != null) {
            where.add("created_at >= :from");
            params.put("from", from);
        }
        if (to != null) {
            where.add("created_at < :to");
            params.put("to", to);
        }
        String clause = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        Query count = em.createNativeQuery("SELECT count(*) FROM audit_log" + clause);
        Query rows = em.createNativeQuery("""
                SELECT id, actor_id, actor_email, action, target_type, target_id, details::text, ip, created_at
                FROM audit_log""" + clause + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset");
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            rows.setParameter(k, v);
        });
        rows.setParameter("limit", p.size()).setParameter("offset", p.offset());
        long total = ((Number) count.getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> result = rows.getResultList();
        List<AuditEntry> items = result.stream().map(r -> new AuditEntry(((Number) r[0]).longValue(), (UUID) r[1],
                (String) r[2], (String) r[3], (String) r[4], (String) r[5], json((String) r[6]), (String) r[7],
                SqlTimes.toOffset(r[8]))).toList();
        return new PageResponse<>(items, p.page(), p.size(), total);
    }

    private JsonNode json(String s) {
        try {
            return mapper.readTree(s == null ? "{}" : s);
        } catch (Exception e) {
            return mapper.createObjectNode();
        }
    }

}
