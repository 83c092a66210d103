package app.relais.monitoring;

import app.relais.common.api.Roles;
import app.relais.common.error.Problem;
import app.relais.common.i18n.Messages;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api")
@RolesAllowed({ Roles.ADMIN, Roles.SUPER_ADMIN })
@Tag(name = "Monitoring", description = "System state and metrics; see docs/supervision.md")
@APIResponse(responseCode = "401", description = "Missing or invalid token", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
public class MonitoringResource {

    @Inject
    MonitoringService monitoring;

    @Inject
    PrometheusMeterRegistry registry;

    @Inject
    HttpHeaders headers;

    @GET
    @Path("/monitoring")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getMonitoring", summary = "Quota, queue, send rate, errors, provider, webhook freshness, instances and overall status")
    @APIResponse(responseCode = "200", description = "Snapshot")
    public MonitoringResponse monitoring() {
        return monitoring.snapshot(Instant.now(), Messages.negotiate(headers.getAcceptableLanguages()));
    }

    @GET
    @Path("/metrics")
    @Produces("text/plain; version=0.0.4; charset=utf-8")
    @Operation(operationId = "getMetrics", summary = "Prometheus metrics (same as /q/metrics, behind authentication)")
    @APIResponse(responseCode = "200", description = "Prometheus text format")
    public String metrics() {
        return registry.scrape();
    }
}
