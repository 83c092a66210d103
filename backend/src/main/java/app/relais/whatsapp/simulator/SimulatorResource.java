package app.relais.whatsapp.simulator;

import app.relais.common.api.PageRequest;
import app.relais.common.api.PageResponse;
import app.relais.common.api.Roles;
import app.relais.common.error.ApiException;
import app.relais.common.error.Problem;
import app.relais.whatsapp.WebhookUrls;
import app.relais.whatsapp.WhatsAppSetup;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The simulator seen from the dashboard: simulated phones, what they received, and messages "as a contact". */
@Path("/api/simulator")
@Tag(name = "Simulator")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.SUPER_ADMIN })
@APIResponse(responseCode = "404", description = "Simulator inactive (Twilio credentials configured or production)",
        content = @Content(schema = @Schema(implementation = Problem.class)))
public class SimulatorResource {

    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{6,14}$");

    private final WhatsAppSetup setup;
    private final SimulatorStore store;
    private final SimulatorCallbacks callbacks;

    public SimulatorResource(WhatsAppSetup setup, SimulatorStore store, SimulatorCallbacks callbacks) {
        this.setup = setup;
        this.store = store;
        this.callbacks = callbacks;
    }

    @GET
    @Path("/phones")
    @Operation(operationId = "listSimulatorPhones", summary = "Simulated phones, most recently active first")
    @APIResponse(responseCode = "200", description = "A page of phones")
    public PageResponse<SimulatedPhoneResponse> phones(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        requireActive();
        PageRequest p = PageRequest.of(page, size);
        return new PageResponse<>(store.phones(p.size(), p.offset()).stream().map(SimulatedPhoneResponse::of).toList(),
                p.page(), p.size(), store.countPhones());
    }

    @GET
    @Path("/phones/{phone}/messages")
    @Operation(operationId = "listSimulatorMessages", summary = "Messages a simulated phone received or sent, newest first")
    @APIResponse(responseCode = "200", description = "A page of messages")
    @APIResponse(responseCode = "400", description = "Invalid phone number", content = @Content(schema = @Schema(implementation = Problem.class)))
    public PageResponse<SimulatedMessageResponse> messages(@PathParam("phone") String phone,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        requireActive();
        requirePhone(phone);
        PageRequest p = PageRequest.of(page, size);
        return new PageResponse<>(store.messagesOf(phone, p.size(), p.offset()).stream()
                .map(SimulatedMessageResponse::of).toList(), p.page(), p.size(), store.countMessagesOf(phone));
    }

    @PUT
    @Path("/phones/{phone}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setSimulatorPhone", summary = "Set how a simulated phone behaves: ok, not_joined (63007), not_on_whatsapp (63024), unreachable (30003)")
    @APIResponse(responseCode = "200", description = "The phone")
    @APIResponse(responseCode = "400", description = "Invalid phone or behaviour", content = @Content(schema = @Schema(implementation = Problem.class)))
    public SimulatedPhoneResponse setBehaviour(@PathParam("phone") String phone, @Valid @NotNull UpdatePhoneRequest request) {
        requireActive();
        requirePhone(phone);
        Behaviour behaviour = Behaviour.fromValue(request.behaviour());
        if (behaviour == null) {
            throw ApiException.badRequest("whatsapp-invalid-behaviour", request.behaviour());
        }
        store.setBehaviour(phone, behaviour);
        return store.phone(phone).map(SimulatedPhoneResponse::of)
                .orElse(new SimulatedPhoneResponse(phone, behaviour.value(), 0, null));
    }

    @POST
    @Path("/inbound")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "simulateInbound", summary = "Send a WhatsApp message as a contact: it reaches the app through the same signed webhook as Twilio's")
    @APIResponse(responseCode = "200", description = "The simulated message and the webhook's answer")
    @APIResponse(responseCode = "400", description = "Invalid request", content = @Content(schema = @Schema(implementation = Problem.class)))
    public SimulatedInboundResponse inbound(@Valid @NotNull SimulatedInboundRequest request) {
        requireActive();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        String sid = SimulatorApiResource.newSid();
        String from = "whatsapp:" + request.from();
        String to = "whatsapp:" + setup.sandboxNumber();
        store.insert(new SimulatedMessage(sid, setup.accountSid(), "inbound", request.from(), from, to, request.body(),
                null, null, null, null, "received", null, null, now, now, now));
        if (app.relais.whatsapp.InboundKeywords.isSandboxJoin(request.body())) {
            store.setBehaviour(request.from(), Behaviour.OK);
        } else {
            store.behaviourOf(request.from());
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", sid);
        params.put("SmsMessageSid", sid);
        params.put("SmsSid", sid);
        params.put("AccountSid", setup.accountSid());
        params.put("From", from);
        params.put("To", to);
        params.put("Body", request.body());
        params.put("NumMedia", "0");
        params.put("NumSegments", "1");
        params.put("SmsStatus", "received");
        params.put("ApiVersion", "2010-04-01");
        params.put("WaId", request.from().substring(1));
        params.put("ProfileName", request.profileName() == null ? "" : request.profileName());
        if (request.originalRepliedMessageSid() != null) {
            params.put("OriginalRepliedMessageSid", request.originalRepliedMessageSid());
        }
        int status = callbacks.deliver(setup.publicBaseUrl() + WebhookUrls.WEBHOOK_PATH, params);
        return new SimulatedInboundResponse(sid, status);
    }

    private void requireActive() {
        if (!setup.simulatorActive()) {
            throw new ApiException(404, "simulator-inactive");
        }
    }

    private static void requirePhone(String phone) {
        if (phone == null || !E164.matcher(phone).matches()) {
            throw ApiException.invalidField("phone", "whatsapp_invalid_phone", "E.164 expected");
        }
    }
}
