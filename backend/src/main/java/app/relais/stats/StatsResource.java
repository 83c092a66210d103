package app.relais.stats;

import app.relais.common.api.Roles;
import app.relais.common.error.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/stats")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.SUPER_ADMIN })
@Tag(name = "Statistics", description = "Dashboard KPIs and series; definitions in docs/statistiques.md")
@APIResponse(responseCode = "401", description = "Missing or invalid token", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
public class StatsResource {

    @Inject
    StatsService stats;

    @Inject
    StatsCache cache;

    @GET
    @Path("/overview")
    @Operation(operationId = "getStatsOverview", summary = "Dashboard KPIs over a period (today, 7d, 30d, 90d)")
    @APIResponse(responseCode = "200", description = "KPIs")
    @APIResponse(responseCode = "400", description = "Unknown period", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public OverviewResponse overview(
            @Parameter(description = "today, 7d (default), 30d or 90d", example = "7d", schema = @Schema(enumeration = { "today", "7d", "30d", "90d" })) @QueryParam("period") String period) {
        String key = "overview:" + period;
        return cache.get(key, () -> stats.overview(period, Instant.now()));
    }

    @GET
    @Path("/daily")
    @Operation(operationId = "getDailyStats", summary = "Sent, delivered, read, replied and failed per day, zero-filled, in the configured time zone")
    @APIResponse(responseCode = "200", description = "Series")
    @APIResponse(responseCode = "400", description = "days not 7, 30 or 90", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public DailySeriesResponse daily(@Parameter(description = "7 (default), 30 or 90", example = "7") @QueryParam("days") Integer days) {
        return stats.daily(days, Instant.now());
    }

    @GET
    @Path("/status-distribution")
    @Operation(operationId = "getStatusDistribution", summary = "Outbound messages by current status, for all messages or one campaign")
    @APIResponse(responseCode = "200", description = "One entry per status")
    public List<StatusCount> statusDistribution(@QueryParam("campaignId") UUID campaignId) {
        return stats.statusDistribution(campaignId);
    }

    @GET
    @Path("/recent-messages")
    @Operation(operationId = "listRecentMessages", summary = "The latest messages, newest first")
    @APIResponse(responseCode = "200", description = "Messages")
    @APIResponse(responseCode = "400", description = "limit out of 1..100", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public List<RecentMessageResponse> recentMessages(@Parameter(example = "10") @QueryParam("limit") Integer limit) {
        return stats.recentMessages(limit);
    }
}
