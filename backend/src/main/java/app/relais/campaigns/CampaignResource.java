package app.relais.campaigns;

import app.relais.common.api.PageRequest;
import app.relais.common.api.PageResponse;
import app.relais.common.api.Roles;
import app.relais.common.error.Problem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Campaigns: CRUD, preview, preflight and the actions that drive the delivery engine. */
@Path("/api/campaigns")
@Tag(name = "Campaigns")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.SUPER_ADMIN })
@APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
public class CampaignResource {

    @Inject
    CampaignService service;

    @Inject
    CampaignPreflight preflight;

    @Inject
    JsonWebToken jwt;

    @Inject
    ObjectMapper mapper;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a campaign (draft, or scheduled when scheduledAt is given)")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = CampaignResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid field (unknown category, bad ContentSid, unknown_template or template_not_approved, schedule in the past, unknown variable)", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "templates-unavailable: Twilio could not be asked about Message 1's template; retry after Retry-After seconds", headers = @org.eclipse.microprofile.openapi.annotations.headers.Header(name = "Retry-After", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER)), content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Response create(CampaignRequest request, @Context UriInfo uri) {
        CampaignResponse created = service.create(request == null ? empty() : request, userId());
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build()).entity(created).build();
    }

    @GET
    @Operation(summary = "List campaigns (newest first), filtered by status and name; archived ones only with archived=true")
    @APIResponse(responseCode = "200", description = "A page of campaigns")
    @APIResponse(responseCode = "400", description = "Bad paging or status", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public PageResponse<CampaignResponse> list(
            @Parameter(schema = @Schema(enumeration = { CampaignStatus.DRAFT, CampaignStatus.SCHEDULED, CampaignStatus.SENDING,
                    CampaignStatus.PAUSED, CampaignStatus.COMPLETED, CampaignStatus.STOPPED })) @QueryParam("status") String status, @QueryParam("q") String q,
            @Parameter(description = "true: the archived campaigns instead of the others") @QueryParam("archived") @DefaultValue("false") boolean archived,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return service.list(status, q, archived, PageRequest.of(page, size));
    }

    @POST
    @Path("/preflight")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "preflightCampaignDraft", summary = "Pre-send check of a campaign body not saved yet: the same report as GET /campaigns/{id}/preflight")
    @APIResponse(responseCode = "200", description = "The report", content = @Content(schema = @Schema(implementation = PreflightResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid field, as create would refuse it", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "templates-unavailable: Twilio could not be asked about Message 1's template; retry after Retry-After seconds", headers = @org.eclipse.microprofile.openapi.annotations.headers.Header(name = "Retry-After", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER)), content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public PreflightResponse preflightDraft(CampaignRequest request) {
        return preflight.check(request == null ? empty() : request);
    }

    @POST
    @Path("/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "previewCampaignDraft", summary = "Message 1 and Message 2 of a campaign body not saved yet, as one contact would receive them")
    @APIResponse(responseCode = "200", description = "The rendered messages", content = @Content(schema = @Schema(implementation = PreviewResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid field, or contactId missing", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown contact", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "templates-unavailable: Twilio could not be asked about Message 1's template; retry after Retry-After seconds", headers = @org.eclipse.microprofile.openapi.annotations.headers.Header(name = "Retry-After", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER)), content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public PreviewResponse previewDraft(@QueryParam("contactId") UUID contactId, CampaignRequest request) {
        return service.preview(request == null ? empty() : request, contactId);
    }

    @GET
    @Path("/variables")
    @Operation(operationId = "listMessageVariables", summary = "The variables a message can use: first name, last name, phone and the contacts' attribute keys in use")
    @APIResponse(responseCode = "200", description = "The variables", content = @Content(schema = @Schema(implementation = VariablesResponse.class)))
    public VariablesResponse variables() {
        return service.variables();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A campaign with its live counters")
    @APIResponse(responseCode = "200", description = "The campaign", content = @Content(schema = @Schema(implementation = CampaignResponse.class)))
    @APIResponse(responseCode = "404", description = "Unknown campaign", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public CampaignResponse get(@PathParam("id") UUID id) {
        return service.get(id);
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}")
    @Operation(summary = "Change a draft or scheduled campaign (absent fields unchanged; \"scheduledAt\": null unschedules it, back to draft)")
    @RequestBody(content = @Content(schema = @Schema(implementation = CampaignRequest.class)))
    @APIResponse(responseCode = "200", description = "The campaign", content = @Content(schema = @Schema(implementation = CampaignResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid field", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown campaign", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "campaign-not-editable: already launched; campaign-archived", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "templates-unavailable: Twilio could not be asked about Message 1's template; retry after Retry-After seconds", headers = @org.eclipse.microprofile.openapi.annotations.headers.Header(name = "Retry-After", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER)), content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public CampaignResponse update(@PathParam("id") UUID id, JsonNode body) throws JsonProcessingException {
        // Read as a tree first: an explicit null scheduledAt (unschedule) differs from an absent one.
        boolean unschedule = body != null && body.has("scheduledAt") && body.get("scheduledAt").isNull();
        CampaignRequest request = body == null || body.isNull() ? empty() : mapper.treeToValue(body, CampaignRequest.class);
        return service.update(id, request, unschedule);
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteCampaign", summary = "Delete a campaign that never sent anything; one that did is archived instead (its messages, replies and statistics kept)")
    @APIResponse(responseCode = "200", description = "Archived instead of deleted: the campaign had sent messages", content = @Content(schema = @Schema(implementation = CampaignResponse.class)))
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "Unknown campaign", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "campaign-active: sending or paused", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("id") UUID id) {
        return service.delete(id).map(archived -> Response.ok(archived).build()).orElseGet(() -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/archive")
    @Operation(operationId = "archiveCampaign", summary = "Archive a draft, completed or stopped campaign: hidden from the list, nothing deleted")
    @APIResponse(responseCode = "200", description = "The campaign, archived", content = @Content(schema = @Schema(implementation = CampaignResponse.class)))
    @APIResponse(responseCode = "404", description = "Unknown campaign", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "campaign-not-archivable: scheduled, sending or paused", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public CampaignResponse archive(@PathParam("id") UUID id) {
        return service.archive(id);
    }

    @POST
    @Path("/{id}/restore")
    @Operation(operationId = "restoreCampaign", summary = "Bring an archived campaign back into the list")
    @APIResponse(responseCode = "200", description = "The campaign, not archived", content = @Content(schema = @Schema(implementation = CampaignResponse.class)))
    @APIResponse(responseCode = "404", description = "Unknown campaign", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public CampaignResponse restore(@PathParam("id") UUID id) {
        return service.restore(id);
    }

    @GET
    @Path("/{id}/preview")
    @Operation(summary = "Message 1 and Message 2 as one contact would receive them")
    @APIResponse(responseCode = "200", description = "The rendered messages", content = @Content(schema = @Schema(implementation = PreviewResponse.class)))
    @APIResponse(responseCode = "404", description = "Unknown campaign or contact", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public PreviewResponse preview(@PathParam("id") UUID id, @Parameter(required = true) @QueryParam("contactId") UUID contactId) {
        return service.preview(id, contactId);
    }

    @GET
    @Path("/{id}/preflight")
    @Operation(summary = "Pre-send check: recipients, exclusions, blank variables, quota, ETA, cost")
    @APIResponse(responseCode = "200", description = "The report", content = @Content(schema = @Schema(implementation = PreflightResponse.class)))
    @APIResponse(responseCode = "404", description = "Unknown campaign", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public PreflightResponse preflight(@PathParam("id") UUID id) {
        return preflight.check(id);
    }

    @POST
    @Path("/{id}/launch")
    @Operation(summary = "Launch now: every Message 1 queued in one transaction, then sent by the engine")
    @APIResponse(responseCode = "200", description = "The campaign, sending", content = @Content(schema = @Schema(implementation = CampaignResponse.class)))
    @APIResponse(responseCode = "404", description = "Unknown campaign", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "campaign-not-launchable (already launched, e.g. a racing launch), campaign-archived, campaign-no-recipients or campaign-template-not-approved (Message 1's template is not, or no longer, approved by WhatsApp)", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "templates-unavailable: Twilio could not be asked about Message 1's template; retry after Retry-After seconds", headers = @org.eclipse.microprofile.openapi.annotations.headers.Header(name = "Retry-After", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER)), content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public CampaignResponse launch(@PathParam("id") UUID id) {
        return service.launch(id);
    }

    @POST
    @Path("/{id}/pause")
    @Operation(summary = "Pause sending (queued messages wait)")
    @APIResponse(responseCode = "200", description = "The campaign, paused", content = @Content(schema = @Schema(implementation = CampaignResponse.class)))
    @APIResponse(responseCode = "409", description = "campaign-not-sending", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public CampaignResponse pause(@PathParam("id") UUID id) {
        return service.pause(id);
    }

    @POST
    @Path("/{id}/resume")
    @Operation(summary = "Resume a paused campaign")
    @APIResponse(responseCode = "200", description = "The campaign, sending", content = @Content(schema = @Schema(implementation = CampaignResponse.class)))
    @APIResponse(responseCode = "409", description = "campaign-not-paused", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public CampaignResponse resume(@PathParam("id") UUID id) {
        return service.resume(id);
    }

    @POST
    @Path("/{id}/stop")
    @Operation(summary = "Stop for good: queued messages are never sent")
    @APIResponse(responseCode = "200", description = "The campaign, stopped", content = @Content(schema = @Schema(implementation = CampaignResponse.class)))
    @APIResponse(responseCode = "409", description = "campaign-not-stoppable", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public CampaignResponse stop(@PathParam("id") UUID id) {
        return service.stop(id);
    }

    @POST
    @Path("/{id}/retry-failed")
    @Operation(summary = "A new run to the recipients whose Message 1 failed (transient failures; all with includePermanent=true)")
    @APIResponse(responseCode = "200", description = "The campaign, sending", content = @Content(schema = @Schema(implementation = CampaignResponse.class)))
    @APIResponse(responseCode = "409", description = "campaign-not-launched, campaign-no-recipients (nothing to retry) or campaign-template-not-approved (Message 1's template is no longer approved by WhatsApp)", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public CampaignResponse retryFailed(@PathParam("id") UUID id,
            @QueryParam("includePermanent") @DefaultValue("false") boolean includePermanent) {
        return service.retryFailed(id, includePermanent);
    }

    @POST
    @Path("/{id}/relaunch")
    @Operation(summary = "A new run to the recipients who did not answer (never those already delivered unless includeDelivered=true)")
    @APIResponse(responseCode = "200", description = "The campaign, sending", content = @Content(schema = @Schema(implementation = CampaignResponse.class)))
    @APIResponse(responseCode = "409", description = "campaign-not-launched, campaign-no-recipients or campaign-template-not-approved (Message 1's template is no longer approved by WhatsApp)", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public CampaignResponse relaunch(@PathParam("id") UUID id,
            @QueryParam("includeDelivered") @DefaultValue("false") boolean includeDelivered) {
        return service.relaunch(id, includeDelivered);
    }

    private UUID userId() {
        try {
            return jwt.getSubject() == null ? null : UUID.fromString(jwt.getSubject());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static CampaignRequest empty() {
        return new CampaignRequest(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
