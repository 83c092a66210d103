package app.relais.whatsapp;

import app.relais.common.api.Roles;
import app.relais.common.error.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/whatsapp/error-codes")
@Tag(name = "WhatsApp")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.SUPER_ADMIN })
public class ErrorCodeResource {

    @GET
    @Operation(operationId = "listErrorCodes", summary = "Twilio error codes Relais explains (French and English, with the fix)")
    @APIResponse(responseCode = "200", description = "The catalogue")
    @APIResponse(responseCode = "401", description = "Not signed in", content = @Content(schema = @Schema(implementation = Problem.class)))
    public List<ErrorCodeResponse> list() {
        return TwilioErrorCatalog.all().stream().map(ErrorCodeResponse::of).toList();
    }

    @GET
    @Path("/{code}")
    @Operation(operationId = "getErrorCode", summary = "One Twilio error code explained")
    @APIResponse(responseCode = "200", description = "The explanation")
    @APIResponse(responseCode = "404", description = "Code not in the catalogue", content = @Content(schema = @Schema(implementation = Problem.class)))
    public ErrorCodeResponse one(@PathParam("code") int code) {
        return TwilioErrorCatalog.explain(code).map(ErrorCodeResponse::of)
                .orElseThrow(() -> app.relais.common.error.ApiException.notFound("TwilioErrorCode", code));
    }
}
