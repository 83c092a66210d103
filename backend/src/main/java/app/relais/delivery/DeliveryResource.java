package app.relais.delivery;

import app.relais.common.api.Roles;
import app.relais.common.error.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The engine's state an admin watches: the daily quota and its alert level. */
@Path("/api/delivery")
@Tag(name = "Delivery")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.SUPER_ADMIN })
public class DeliveryResource {

    private final DailyQuota quota;

    public DeliveryResource(DailyQuota quota) {
        this.quota = quota;
    }

    @GET
    @Path("/quota")
    @Operation(operationId = "getQuota", summary = "Today's quota: used, limit, level OK / ATTENTION (≥ 75%) / DANGER (≥ 90%) / BLOCKED (100%)")
    @APIResponse(responseCode = "200", description = "The quota", content = @Content(schema = @Schema(implementation = QuotaResponse.class)))
    @APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public QuotaResponse quota() {
        return quota.status();
    }
}
