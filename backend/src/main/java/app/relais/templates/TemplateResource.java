package app.relais.templates;

import app.relais.common.api.Roles;
import app.relais.common.error.ApiException;
import app.relais.common.error.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The account's Twilio Content templates, for the campaign wizard (Message 1 from a template). */
@Path("/api/templates")
@Tag(name = "Templates")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.SUPER_ADMIN })
@APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "502", description = "templates-provider-auth: Twilio refused the credentials; templates-provider-error: Twilio answered an error", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "503", description = "templates-unavailable: Twilio unreachable or failing; retry after Retry-After seconds",
        headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = SchemaType.INTEGER)),
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
public class TemplateResource {

    private static final Pattern CONTENT_SID = Pattern.compile("^HX[0-9a-fA-F]{32}$");

    private final TemplateService service;

    public TemplateResource(TemplateService service) {
        this.service = service;
    }

    @GET
    @Operation(operationId = "listTemplates", summary = "The account's Content templates with their text, variables and WhatsApp approval (cached 60 s)")
    @APIResponse(responseCode = "200", description = "Templates, most recently updated first",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = TemplateResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid query value", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public List<TemplateResponse> list(
            @Parameter(description = "true: only the templates WhatsApp approved (the ones a campaign can send)") @QueryParam("approved") @DefaultValue("false") boolean approved,
            @Parameter(description = "Part of the template's name, case-insensitive") @QueryParam("q") String q,
            @Parameter(description = "true: ask Twilio now instead of using the cached list") @QueryParam("refresh") @DefaultValue("false") boolean refresh) {
        if (q != null && q.length() > 200) {
            throw ApiException.invalidField("q", "too_long", "≤ 200");
        }
        return service.list(refresh, approved, q).stream().map(TemplateResponse::of).toList();
    }

    @GET
    @Path("/{sid}")
    @Operation(operationId = "getTemplate", summary = "One Content template with its WhatsApp approval")
    @APIResponse(responseCode = "200", description = "The template", content = @Content(schema = @Schema(implementation = TemplateResponse.class)))
    @APIResponse(responseCode = "400", description = "Not a Content SID (HX + 32 hex)", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such template in the account", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public TemplateResponse get(@Parameter(schema = @Schema(pattern = "^HX[0-9a-fA-F]{32}$")) @PathParam("sid") String sid,
            @Parameter(description = "true: ask Twilio now instead of using the cache") @QueryParam("refresh") @DefaultValue("false") boolean refresh) {
        if (sid == null || !CONTENT_SID.matcher(sid).matches()) {
            throw ApiException.invalidField("sid", "invalid_content_sid", "^HX[0-9a-fA-F]{32}$");
        }
        return service.find(sid, refresh).map(TemplateResponse::of)
                .orElseThrow(() -> ApiException.notFound("Template", sid));
    }
}
