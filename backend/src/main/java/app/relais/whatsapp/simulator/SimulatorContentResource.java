package app.relais.whatsapp.simulator;

import app.relais.whatsapp.WhatsAppSetup;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The simulator's Twilio-compatible Content API (content.twilio.com), served in simulator mode only
 * (otherwise 404): the same paths, Basic auth, JSON shapes and paging envelope as Twilio, so the SDK's
 * Content, ContentAndApprovals and ApprovalFetch classes parse it unchanged.
 */
@Path(WhatsAppSetup.SIMULATOR_PATH + "/v1")
@Tag(name = "Simulator (Twilio API)")
@Produces(MediaType.APPLICATION_JSON)
public class SimulatorContentResource {

    private static final String CONTENT_BASE = "https://content.twilio.com/v1";

    private final WhatsAppSetup setup;
    private final SimulatorConfig config;

    public SimulatorContentResource(WhatsAppSetup setup, SimulatorConfig config) {
        this.setup = setup;
        this.config = config;
    }

    @GET
    @Path("/Content")
    @Operation(summary = "List Content templates (Twilio-compatible, simulator mode only)")
    public Response list(@HeaderParam("Authorization") String authorization, @QueryParam("PageSize") Integer pageSize) {
        return page(authorization, pageSize, "Content", t -> content(t));
    }

    @GET
    @Path("/ContentAndApprovals")
    @Operation(summary = "List Content templates with their WhatsApp approval (Twilio-compatible, simulator mode only)")
    public Response listWithApprovals(@HeaderParam("Authorization") String authorization,
            @QueryParam("PageSize") Integer pageSize) {
        return page(authorization, pageSize, "ContentAndApprovals", t -> {
            Map<String, Object> out = content(t);
            out.remove("url");
            out.remove("links");
            out.put("approval_requests", whatsapp(t));
            return out;
        });
    }

    @GET
    @Path("/Content/{sid}")
    @Operation(summary = "Fetch a Content template (Twilio-compatible, simulator mode only)")
    public Response fetch(@HeaderParam("Authorization") String authorization, @PathParam("sid") String sid) {
        Response denied = guard(authorization);
        if (denied != null) {
            return denied;
        }
        return SimulatorTemplates.find(sid).map(t -> Response.ok(content(t)).build())
                .orElseGet(() -> notFound("/v1/Content/" + sid));
    }

    @GET
    @Path("/Content/{sid}/ApprovalRequests")
    @Operation(summary = "Fetch a Content template's WhatsApp approval (Twilio-compatible, simulator mode only)")
    public Response approval(@HeaderParam("Authorization") String authorization, @PathParam("sid") String sid) {
        Response denied = guard(authorization);
        if (denied != null) {
            return denied;
        }
        return SimulatorTemplates.find(sid).map(t -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("sid", t.sid());
            out.put("account_sid", config.accountSid());
            out.put("url", CONTENT_BASE + "/Content/" + t.sid() + "/ApprovalRequests");
            out.put("whatsapp", whatsapp(t));
            return Response.ok(out).build();
        }).orElseGet(() -> notFound("/v1/Content/" + sid + "/ApprovalRequests"));
    }

    private Response page(String authorization, Integer pageSize, String resource,
            java.util.function.Function<SimulatorTemplates.Template, Map<String, Object>> shape) {
        Response denied = guard(authorization);
        if (denied != null) {
            return denied;
        }
        int size = pageSize == null ? 50 : Math.max(1, Math.min(pageSize, 1000));
        List<SimulatorTemplates.Template> all = SimulatorTemplates.ALL;
        List<Map<String, Object>> contents = all.subList(0, Math.min(size, all.size())).stream().map(shape).toList();
        String url = CONTENT_BASE + "/" + resource + "?PageSize=" + size + "&Page=0";
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("page", 0);
        meta.put("page_size", size);
        meta.put("first_page_url", url);
        meta.put("previous_page_url", null);
        meta.put("url", url);
        // One page: the simulator holds fewer templates than the smallest page Relais asks for.
        meta.put("next_page_url", null);
        meta.put("key", "contents");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("contents", contents);
        out.put("meta", meta);
        return Response.ok(out).build();
    }

    private Map<String, Object> content(SimulatorTemplates.Template t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sid", t.sid());
        out.put("account_sid", config.accountSid());
        out.put("friendly_name", t.friendlyName());
        out.put("language", t.language());
        out.put("variables", t.variables());
        out.put("types", t.types());
        out.put("date_created", DateTimeFormatter.ISO_INSTANT.format(t.dateCreated()));
        out.put("date_updated", DateTimeFormatter.ISO_INSTANT.format(t.dateUpdated()));
        out.put("url", CONTENT_BASE + "/Content/" + t.sid());
        out.put("links", Map.of(
                "approval_fetch", CONTENT_BASE + "/Content/" + t.sid() + "/ApprovalRequests",
                "approval_create", CONTENT_BASE + "/Content/" + t.sid() + "/ApprovalRequests/whatsapp"));
        return out;
    }

    /** Twilio's WhatsApp approval object; a template never submitted has status "unsubmitted" and no name. */
    private static Map<String, Object> whatsapp(SimulatorTemplates.Template t) {
        Map<String, Object> out = new LinkedHashMap<>();
        boolean submitted = t.status() != null;
        out.put("type", "whatsapp");
        out.put("name", submitted ? t.friendlyName() : "");
        out.put("category", submitted ? t.category() : "");
        out.put("content_type", t.types().keySet().iterator().next());
        out.put("status", submitted ? t.status() : "unsubmitted");
        out.put("rejection_reason", t.rejectionReason() == null ? "" : t.rejectionReason());
        out.put("allow_category_change", true);
        return out;
    }

    private Response guard(String authorization) {
        if (!setup.simulatorActive()) {
            throw new NotFoundException();
        }
        if (!SimulatorApiResource.authorized(config, authorization)) {
            return SimulatorApiResource.error(401, 20003, "Authenticate");
        }
        return null;
    }

    private static Response notFound(String path) {
        return SimulatorApiResource.error(404, 20404, "The requested resource " + path + " was not found");
    }
}
