package app.relais.stats;

import app.relais.common.api.PageRequest;
import app.relais.common.api.PageResponse;
import app.relais.common.api.Roles;
import app.relais.common.error.Problem;
import app.relais.common.i18n.Messages;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Statistics of one campaign; lives beside the campaigns resource under the same root path. */
@Path("/api/campaigns")
@RolesAllowed({ Roles.ADMIN, Roles.SUPER_ADMIN })
@Tag(name = "Statistics")
@APIResponse(responseCode = "401", description = "Missing or invalid token", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such campaign", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
public class CampaignStatsResource {

    @Inject
    StatsCache cache;

    @Inject
    StatsService stats;

    @Inject
    HttpHeaders headers;

    private Locale locale() {
        return Messages.negotiate(headers.getAcceptableLanguages());
    }

    @GET
    @Path("/{id}/stats")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getCampaignStats", summary = "Funnel (recipients → sent → delivered → read → replied → Message 2 sent → Message 2 read) and failures by error code")
    @APIResponse(responseCode = "200", description = "Campaign statistics")
    public CampaignStatsResponse campaignStats(@PathParam("id") UUID id) {
        Locale locale = locale();
        return cache.get("campaign:" + id + ":" + locale.getLanguage(), () -> stats.campaignStats(id, locale));
    }

    @GET
    @Path("/{id}/timeline")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getCampaignTimeline", summary = "Messages of the campaign sent (or failed) per minute or per hour")
    @APIResponse(responseCode = "200", description = "Buckets in time order, empty buckets omitted")
    @APIResponse(responseCode = "400", description = "Unknown granularity", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public List<TimelinePoint> timeline(@PathParam("id") UUID id,
            @Parameter(description = "minute or hour (default)", example = "hour") @QueryParam("granularity") String granularity) {
        return stats.timeline(id, granularity);
    }

    @GET
    @Path("/{id}/recipients")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listCampaignRecipients", summary = "The campaign's messages and their recipients, paged, filterable and sortable")
    @APIResponse(responseCode = "200", description = "A page")
    @APIResponse(responseCode = "400", description = "Bad filter, sort or paging", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public PageResponse<RecipientResponse> recipients(@PathParam("id") UUID id,
            @Parameter(example = "failed", schema = @Schema(enumeration = { "queued", "sending", "sent", "delivered", "read", "failed", "undelivered" })) @QueryParam("status") String status,
            @Parameter(example = "message_1", schema = @Schema(enumeration = { "message_1", "message_2" })) @QueryParam("kind") String kind,
            @Parameter(description = "phone or name contains", example = "+229") @QueryParam("q") String q,
            @Parameter(description = "phone, name, status, queuedAt, sentAt, deliveredAt, readAt, errorCode; prefix - for descending", example = "-sentAt", schema = @Schema(enumeration = { "phone", "-phone", "name", "-name", "status", "-status", "queuedAt", "-queuedAt", "sentAt", "-sentAt", "deliveredAt", "-deliveredAt", "readAt", "-readAt", "errorCode", "-errorCode" })) @QueryParam("sort") String sort,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return stats.recipients(id, new StatsService.RecipientFilter(status, kind, q, sort), PageRequest.of(page, size), locale());
    }

    @GET
    @Path("/{id}/recipients.csv")
    @Produces("text/csv")
    @Operation(operationId = "exportCampaignRecipientsCsv", summary = "Every matching recipient as CSV (streamed; cells that could start a spreadsheet formula are prefixed with ')")
    @APIResponse(responseCode = "200", description = "CSV, UTF-8")
    @APIResponse(responseCode = "400", description = "Bad filter or sort", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Response recipientsCsv(@PathParam("id") UUID id,
            @Parameter(schema = @Schema(enumeration = { "queued", "sending", "sent", "delivered", "read", "failed", "undelivered" })) @QueryParam("status") String status,
            @Parameter(schema = @Schema(enumeration = { "message_1", "message_2" })) @QueryParam("kind") String kind,
            @QueryParam("q") String q,
            @Parameter(schema = @Schema(enumeration = { "phone", "-phone", "name", "-name", "status", "-status", "queuedAt", "-queuedAt", "sentAt", "-sentAt", "deliveredAt", "-deliveredAt", "readAt", "-readAt", "errorCode", "-errorCode" })) @QueryParam("sort") String sort) {
        StatsService.RecipientFilter filter = new StatsService.RecipientFilter(status, kind, q, sort);
        stats.validateRecipients(id, filter);
        Locale locale = locale();
        StreamingOutput body = out -> stats.writeRecipientsCsv(id, filter, locale,
                new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024));
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"campaign-" + id + "-recipients.csv\"")
                .build();
    }
}
