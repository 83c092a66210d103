package app.relais.common.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Writes the audit log of admin actions (who, what, when, on which object) in the caller's
 * transaction, so an action and its audit entry commit or roll back together.
 */
@ApplicationScoped
public class AuditService {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper objectMapper;

    @Inject
    Instance<JsonWebToken> jwt;

    @Inject
    Instance<HttpServerRequest> request;

    /** Records an action by the current authenticated user (from the request's token). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String action, String targetType, Object targetId, Map<String, ?> details) {
        UUID actorId = null;
        String actorEmail = null;
        try {
            JsonWebToken token = jwt.get();
            if (token != null && token.getSubject() != null) {
                actorId = UUID.fromString(token.getSubject());
                actorEmail = token.getName();
            }
        } catch (RuntimeException e) {
            // outside a request (scheduler, engine): no actor
        }
        record(actorId, actorEmail, action, targetType, targetId, details);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID actorId, String actorEmail, String action, String targetType, Object targetId,
            Map<String, ?> details) {
        String json;
        try {
            json = objectMapper.writeValueAsString(details == null ? Map.of() : details);
        } catch (JsonProcessingException e) {
            json = "{}";
        }
        em.createNativeQuery("""
                INSERT INTO audit_log (actor_id, actor_email, action, target_type, target_id, details, ip)
                VALUES (?1, ?2, ?3, ?4, ?5, CAST(?6 AS jsonb), ?7)""")
                .setParameter(1, actorId)
                .setParameter(2, actorEmail)
                .setParameter(3, action)
                .setParameter(4, targetType)
                .setParameter(5, targetId == null ? null : targetId.toString())
                .setParameter(6, json)
                .setParameter(7, clientIp())
                .executeUpdate();
    }

    private String clientIp() {
        try {
            HttpServerRequest r = request.get();
            return r == null || r.remoteAddress() == null ? null : r.remoteAddress().hostAddress();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
