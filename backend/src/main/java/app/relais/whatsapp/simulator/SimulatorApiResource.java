package app.relais.whatsapp.simulator;

import app.relais.whatsapp.WhatsAppSetup;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The simulator's Twilio-compatible Messages API, served by the app itself in simulator mode only
 * (otherwise 404): the same paths, form fields, Basic auth, JSON shapes and error JSON as
 * api.twilio.com, so the SDK talks to it unchanged.
 */
@Path(WhatsAppSetup.SIMULATOR_PATH + "/2010-04-01/Accounts/{accountSid}")
@Tag(name = "Simulator (Twilio API)")
@Produces(MediaType.APPLICATION_JSON)
public class SimulatorApiResource {

    static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);
    private static final Pattern WHATSAPP_ADDRESS = Pattern.compile("^whatsapp:\\+[1-9][0-9]{6,14}$");
    private static final Pattern CONTENT_SID = Pattern.compile("^HX[0-9a-fA-F]{32}$");
    private static final Pattern SERVICE_SID = Pattern.compile("^MG[0-9a-fA-F]{32}$");

    private final WhatsAppSetup setup;
    private final SimulatorConfig config;
    private final SimulatorStore store;
    private final SimulatorCallbacks callbacks;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    public SimulatorApiResource(WhatsAppSetup setup, SimulatorConfig config, SimulatorStore store,
            SimulatorCallbacks callbacks, com.fasterxml.jackson.databind.ObjectMapper json) {
        this.setup = setup;
        this.config = config;
        this.store = store;
        this.callbacks = callbacks;
        this.json = json;
    }

    @POST
    @Path("/Messages.json")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Create a message (Twilio-compatible, simulator mode only)")
    public Response create(@PathParam("accountSid") String accountSid, @HeaderParam("Authorization") String authorization,
            MultivaluedMap<String, String> form) {
        Response denied = guard(accountSid, authorization);
        if (denied != null) {
            return denied;
        }
        sleep(config.latencyMs() + (config.latencyJitterMs() > 0
                ? java.util.concurrent.ThreadLocalRandom.current().nextInt(config.latencyJitterMs() + 1) : 0));
        String to = form.getFirst("To");
        String from = form.getFirst("From");
        String service = form.getFirst("MessagingServiceSid");
        String body = form.getFirst("Body");
        String contentSid = form.getFirst("ContentSid");
        String variables = form.getFirst("ContentVariables");
        if (to == null || !WHATSAPP_ADDRESS.matcher(to).matches()) {
            return error(400, 21211, "Invalid 'To' Phone Number: " + to);
        }
        if ((from == null || from.isBlank()) && (service == null || service.isBlank())) {
            return error(400, 21603, "A 'From' phone number is required.");
        }
        if (from != null && !from.isBlank() && !WHATSAPP_ADDRESS.matcher(from).matches()) {
            return error(400, 21212, "Invalid From Number (caller ID): " + from);
        }
        if (service != null && !service.isBlank() && !SERVICE_SID.matcher(service).matches()) {
            return error(400, 21701, "The Messaging Service Sid " + service + " is invalid.");
        }
        if ((body == null || body.isEmpty()) && (contentSid == null || contentSid.isBlank())) {
            return error(400, 21619, "A text message body or media URL must be specified.");
        }
        if (body != null && body.length() > 1600) {
            return error(400, 21617, "The concatenated message body exceeds the 1600 character limit.");
        }
        if (contentSid != null && !CONTENT_SID.matcher(contentSid).matches()) {
            return error(400, 21655, "The ContentSid is Invalid.");
        }
        if (variables != null && !isJsonObject(variables)) {
            return error(400, 21656, "The ContentVariables Parameter is invalid.");
        }
        if (contentSid != null) {
            // Like Twilio, the message's body is the template's text with the variables put in.
            SimulatorTemplates.Template template = SimulatorTemplates.find(contentSid).orElse(null);
            if (template == null) {
                return error(400, 21655, "The ContentSid is Invalid.");
            }
            body = SimulatorTemplates.render(template, variables == null ? Map.of() : parseVariables(variables));
        }
        String phone = to.substring("whatsapp:".length());
        Behaviour behaviour = store.behaviourOf(phone);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        String sender = from != null && !from.isBlank() ? from : "whatsapp:" + setup.sandboxNumber();
        String status = from == null || from.isBlank() ? "accepted" : "queued";
        SimulatedMessage message = new SimulatedMessage(newSid(), accountSid, "outbound-api", phone, sender, to, body,
                contentSid, variables, blankToNull(service), form.getFirst("StatusCallback"), status, null, null, now,
                now, now);
        store.insert(message);
        callbacks.play(message, behaviour);
        return Response.status(201).entity(toJson(message)).build();
    }

    @GET
    @Path("/Messages/{sid}.json")
    @Operation(summary = "Fetch a message (Twilio-compatible, simulator mode only)")
    public Response fetch(@PathParam("accountSid") String accountSid, @PathParam("sid") String sid,
            @HeaderParam("Authorization") String authorization) {
        Response denied = guard(accountSid, authorization);
        if (denied != null) {
            return denied;
        }
        return store.find(accountSid, sid).map(m -> Response.ok(toJson(m)).build())
                .orElseGet(() -> error(404, 20404, "The requested resource /2010-04-01/Accounts/" + accountSid
                        + "/Messages/" + sid + ".json was not found"));
    }

    /**
     * Twilio's list: newest first (by date sent, then date created), at most 1,000 a page, and paged as
     * Twilio pages it: next_page_uri carries a PageToken naming the last message of the page, so a page
     * goes on after that message however many were created since (offsets would skip or repeat them).
     */
    @GET
    @Path("/Messages.json")
    @Operation(summary = "List messages, filtered by To, From and DateSent (Twilio-compatible, simulator mode only)")
    public Response list(@PathParam("accountSid") String accountSid, @HeaderParam("Authorization") String authorization,
            @QueryParam("To") String to, @QueryParam("From") String from, @QueryParam("DateSent") String dateSent,
            @QueryParam("DateSent>") String dateSentAfter, @QueryParam("DateSent<") String dateSentBefore,
            @QueryParam("PageSize") Integer pageSize, @QueryParam("Page") Integer page,
            @QueryParam("PageToken") String pageToken) {
        Response denied = guard(accountSid, authorization);
        if (denied != null) {
            return denied;
        }
        int size = pageSize == null ? 50 : Math.max(1, Math.min(pageSize, 1000));
        int pageNumber = page == null ? 0 : Math.max(0, page);
        OffsetDateTime after;
        OffsetDateTime before;
        try {
            after = dateSent != null ? parseDate(dateSent) : parseDate(dateSentAfter);
            before = dateSent != null && dateSent.length() == 10 ? after.plusDays(1) : parseDate(dateSentBefore);
        } catch (DateTimeParseException e) {
            return error(400, 20001, "Invalid DateSent: " + e.getParsedString());
        }
        String afterSid = pageToken != null && pageToken.startsWith("PA") ? pageToken.substring(2) : null;
        List<SimulatedMessage> rows = store.list(accountSid, to, from, after, before, afterSid, size + 1);
        boolean more = rows.size() > size;
        List<SimulatedMessage> shown = rows.subList(0, Math.min(rows.size(), size));
        String base = "/2010-04-01/Accounts/" + accountSid + "/Messages.json";
        String filters = (to == null ? "" : "&To=" + enc(to)) + (from == null ? "" : "&From=" + enc(from))
                + (dateSent == null ? "" : "&DateSent=" + enc(dateSent))
                + (dateSentAfter == null ? "" : "&DateSent%3E=" + enc(dateSentAfter))
                + (dateSentBefore == null ? "" : "&DateSent%3C=" + enc(dateSentBefore));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("messages", shown.stream().map(this::toJson).toList());
        result.put("page", pageNumber);
        result.put("page_size", size);
        result.put("start", pageNumber * size);
        result.put("end", pageNumber * size + shown.size() - 1);
        result.put("uri", base + "?PageSize=" + size + "&Page=" + pageNumber
                + (pageToken == null ? "" : "&PageToken=" + enc(pageToken)) + filters);
        result.put("first_page_uri", base + "?PageSize=" + size + "&Page=0" + filters);
        result.put("next_page_uri", more ? base + "?PageSize=" + size + "&Page=" + (pageNumber + 1) + "&PageToken=PA"
                + shown.get(shown.size() - 1).sid() + filters : null);
        result.put("previous_page_uri", null);
        return Response.ok(result).build();
    }

    private Response guard(String accountSid, String authorization) {
        if (!setup.simulatorActive()) {
            throw new NotFoundException();
        }
        if (!authorized(config, authorization) || !config.accountSid().equals(accountSid)) {
            return error(401, 20003, "Authenticate");
        }
        return null;
    }

    /** Twilio's Basic auth with the simulator's own Account SID and token. */
    static boolean authorized(SimulatorConfig config, String authorization) {
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (config.accountSid() + ":" + config.authToken()).getBytes(StandardCharsets.UTF_8));
        return expected.equals(authorization);
    }

    Map<String, Object> toJson(SimulatedMessage m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("account_sid", m.accountSid());
        out.put("api_version", "2010-04-01");
        out.put("body", m.body());
        out.put("date_created", RFC_2822.format(m.dateCreated()));
        out.put("date_sent", m.dateSent() == null ? null : RFC_2822.format(m.dateSent()));
        out.put("date_updated", RFC_2822.format(m.dateUpdated()));
        out.put("direction", m.direction());
        out.put("error_code", m.errorCode());
        out.put("error_message", m.errorMessage());
        out.put("from", m.fromAddress());
        out.put("messaging_service_sid", m.messagingServiceSid());
        out.put("num_media", "0");
        out.put("num_segments", "1");
        out.put("price", null);
        out.put("price_unit", "USD");
        out.put("sid", m.sid());
        out.put("status", m.status());
        String uri = "/2010-04-01/Accounts/" + m.accountSid() + "/Messages/" + m.sid();
        out.put("subresource_uris", Map.of("media", uri + "/Media.json"));
        out.put("to", m.toAddress());
        out.put("uri", uri + ".json");
        return out;
    }

    static Response error(int status, int code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        body.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        body.put("status", status);
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    public static String newSid() {
        return "SM" + UUID.randomUUID().toString().replace("-", "");
    }

    private Map<String, String> parseVariables(String value) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            json.readTree(value).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isValueNode()
                    ? e.getValue().asText() : e.getValue().toString()));
        } catch (java.io.IOException e) {
            return Map.of();
        }
        return out;
    }

    private boolean isJsonObject(String value) {
        try {
            return json.readTree(value).isObject();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static OffsetDateTime parseDate(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() == 10) {
            return LocalDate.parse(value).atStartOfDay().atOffset(ZoneOffset.UTC);
        }
        String v = value.endsWith("Z") || value.matches(".*[+-]\\d\\d:\\d\\d$") ? value : value + "Z";
        return OffsetDateTime.parse(v);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static void sleep(int millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
