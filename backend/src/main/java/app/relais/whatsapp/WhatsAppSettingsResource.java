package app.relais.whatsapp;

import app.relais.common.api.Roles;
import app.relais.common.error.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/whatsapp")
@Tag(name = "WhatsApp")
@Produces(MediaType.APPLICATION_JSON)
public class WhatsAppSettingsResource {

    private final WhatsAppService service;

    public WhatsAppSettingsResource(WhatsAppService service) {
        this.service = service;
    }

    @GET
    @Path("/settings")
    @RolesAllowed({ Roles.ADMIN, Roles.SUPER_ADMIN })
    @Operation(operationId = "getWhatsAppSettings", summary = "Active provider, sender, the webhook URL to paste into Twilio, last webhook, sandbox instructions")
    @APIResponse(responseCode = "200", description = "The WhatsApp connection")
    @APIResponse(responseCode = "401", description = "Not signed in", content = @Content(schema = @Schema(implementation = Problem.class)))
    public WhatsAppSettingsResponse settings() {
        return service.settings();
    }

    @POST
    @Path("/test-message")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUPER_ADMIN)
    @Operation(operationId = "sendTestMessage", summary = "Send one test text to one number through the gateway and report the outcome")
    @APIResponse(responseCode = "200", description = "The outcome (accepted, or why not, explained)")
    @APIResponse(responseCode = "400", description = "Invalid number or text", content = @Content(schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Super admin only", content = @Content(schema = @Schema(implementation = Problem.class)))
    public TestMessageResponse testMessage(@Valid @NotNull TestMessageRequest request) {
        return service.sendTest(request);
    }
}
