package app.relais.common.api;

import app.relais.common.error.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * The rules every operation of the API follows, applied once to the whole document (at build time,
 * so the file written to target/openapi and the one served at /api/openapi are the same), so an
 * endpoint added tomorrow is described right without anyone remembering to:
 * <ul>
 * <li>the success responses come first (a generated client takes the first media type for Accept);</li>
 * <li>every 4xx/5xx is {@code application/problem+json} with the Problem schema, whose {@code code}
 * is the closed list of the message bundle's problem codes;</li>
 * <li>a secured operation declares 401 and 403, every /api operation 429 and 503, both with Retry-After;</li>
 * <li>the generic page gets a name from its items ({@code ContactPage}), a schema that only repeats
 * another under a numbered name is merged into it, Jackson's JsonNode becomes "any JSON object";</li>
 * <li>every property of a schema that only responses use is {@code required} (Jackson writes every
 * record component, null or not: {@code nullable} says which may be null);</li>
 * <li>paths, schemas and responses are sorted, so the document is byte-for-byte stable.</li>
 * </ul>
 * What no central rule can know (a 201's body type, an enum, a field that may be null) is said by
 * annotations on the resource or the record.
 */
public class OpenApiContract implements OASFilter {

    static final String SCHEMAS = "#/components/schemas/";
    static final String RESPONSES = "#/components/responses/";
    static final String PROBLEM = "Problem";
    static final String EVENTS_PATH = "/api/events";
    /** The live events' payloads (events/LiveEventPayloads), one schema per event name. */
    static final List<String> EVENT_SCHEMAS = List.of("MessageStatusEvent", "MessageInboundEvent",
            "CampaignProgressEvent", "ImportProgressEvent", "QuotaLevelEvent", "ResyncEvent", "ReconnectEvent");
    static final Pattern NUMBERED = Pattern.compile("(.*\\D)\\d+");

    /** Problem members beyond RFC 9457 that some codes carry. */
    static final Map<String, String> PROBLEM_EXTENSIONS = new TreeMap<>(Map.of(
            "existingContactId", "contact-duplicate: the contact that already has this number",
            "reference", "internal: the reference to quote to support (it is in the server log)",
            "line", "import errors: the line of the file at fault",
            "reason", "import-malformed: why the line cannot be read",
            "headers", "import-no-phone-column: the header row as read",
            "limit", "rate-limited: the requests allowed per minute",
            "minutes", "account-locked: how long the account stays locked"));

    @Override
    public void filterOpenAPI(OpenAPI api) {
        Components components = api.getComponents() == null ? OASFactory.createComponents() : api.getComponents();
        api.setComponents(components);
        Map<String, Schema> schemas = components.getSchemas() == null ? new HashMap<>() : new HashMap<>(components.getSchemas());

        Map<String, String> renames = new HashMap<>();
        nameSchemas(schemas, renames);
        renameRefs(api, schemas, renames);
        describeProblem(schemas);
        components.setSchemas(new TreeMap<>(schemas));

        components.setResponses(sharedResponses(components.getResponses()));
        if (api.getPaths() != null) {
            new TreeMap<>(api.getPaths().getPathItems()).forEach((path, item) -> {
                api.getPaths().removePathItem(path);
                if (!path.startsWith("/api/")) {
                    // The Twilio-compatible simulator's REST API is for the Twilio SDK, not for integrators.
                    return;
                }
                item.getOperations().forEach((method, op) -> shapeOperation(api, path, op));
                if (path.equals(EVENTS_PATH) && item.getGET() != null) {
                    describeEventStream(item.getGET(), schemas.keySet());
                }
                api.getPaths().addPathItem(path, item);
            });
        }
        requireResponseProperties(api);
        removeUnused(api);
        nullInNullableEnums(api);
        components.setSchemas(new TreeMap<>(components.getSchemas()));
    }

    // --- schema names --------------------------------------------------------------------------

    /** Page, Page1… get their items' name; a numbered copy of a schema is merged into the original. */
    static void nameSchemas(Map<String, Schema> schemas, Map<String, String> renames) {
        for (String name : new TreeSet<>(schemas.keySet())) {
            Schema s = schemas.get(name);
            String items = pageItems(s);
            if (items != null) {
                String base = items.endsWith("Response") ? items.substring(0, items.length() - "Response".length()) : items;
                String pageName = base + "Page";
                if (!pageName.equals(name)) {
                    schemas.remove(name);
                    schemas.put(pageName, s);
                    renames.put(name, pageName);
                }
            }
        }
        for (String name : new TreeSet<>(schemas.keySet())) {
            Matcher m = NUMBERED.matcher(name);
            if (m.matches() && schemas.containsKey(m.group(1)) && sameShape(schemas.get(m.group(1)), schemas.get(name))) {
                schemas.remove(name);
                renames.put(name, m.group(1));
            }
        }
        if (schemas.remove("JsonNode") != null) {
            schemas.remove("JsonNodeType");
            renames.put("JsonNode", "");
        }
    }

    /** The item schema's name when this is the generic page (items, page, size, total). */
    static String pageItems(Schema s) {
        Map<String, Schema> p = s.getProperties();
        if (p == null || !p.keySet().containsAll(List.of("items", "page", "size", "total"))) {
            return null;
        }
        Schema items = p.get("items").getItems();
        return items == null || items.getRef() == null ? null : items.getRef().substring(SCHEMAS.length());
    }

    static boolean sameShape(Schema a, Schema b) {
        return Objects.equals(a.getType(), b.getType()) && Objects.equals(a.getEnumeration(), b.getEnumeration())
                && Objects.equals(keys(a.getProperties()), keys(b.getProperties()))
                && a.getEnumeration() != null;
    }

    private static Set<String> keys(Map<String, ?> m) {
        return m == null ? Set.of() : new TreeSet<>(m.keySet());
    }

    static void renameRefs(OpenAPI api, Map<String, Schema> schemas, Map<String, String> renames) {
        if (renames.isEmpty()) {
            return;
        }
        Consumer<Schema> fix = s -> {
            if (s.getRef() != null && s.getRef().startsWith(SCHEMAS)) {
                String to = renames.get(s.getRef().substring(SCHEMAS.length()));
                if (to != null && to.isEmpty()) {
                    // JsonNode: any JSON object.
                    s.setRef(null);
                    s.setType(List.of(Schema.SchemaType.OBJECT));
                    s.setAdditionalPropertiesBoolean(true);
                } else if (to != null) {
                    s.setRef(to);
                }
            }
        };
        schemas.values().forEach(s -> walk(s, fix, identitySet()));
        eachSchemaOfPaths(api, s -> walk(s, fix, identitySet()));
    }

    // --- Problem ---------------------------------------------------------------------------------

    void describeProblem(Map<String, Schema> schemas) {
        Schema problem = schemas.get(PROBLEM);
        if (problem == null) {
            return;
        }
        Schema code = problem.getProperties().get("code");
        code.setEnumeration(new ArrayList<>(problemCodes()));
        problem.setRequired(List.of("code", "status", "title", "type"));
        PROBLEM_EXTENSIONS.forEach((name, description) -> problem.addProperty(name,
                OASFactory.createSchema().description(description)));
        problem.setAdditionalPropertiesBoolean(true);
    }

    /** The codes that have a title in the message bundle: every code the API can answer. */
    static Set<String> problemCodes() {
        Properties bundle = new Properties();
        try (InputStream in = OpenApiContract.class.getResourceAsStream("/messages/messages_en.properties")) {
            if (in != null) {
                bundle.load(in);
            }
        } catch (IOException e) {
            throw new IllegalStateException("messages_en.properties unreadable", e);
        }
        Set<String> codes = new TreeSet<>();
        for (String key : bundle.stringPropertyNames()) {
            if (key.startsWith("problem.") && key.endsWith(".title")) {
                codes.add(key.substring("problem.".length(), key.length() - ".title".length()));
            }
        }
        return codes;
    }

    // --- responses -------------------------------------------------------------------------------

    static Map<String, APIResponse> sharedResponses(Map<String, APIResponse> existing) {
        Map<String, APIResponse> out = new TreeMap<>(existing == null ? Map.of() : existing);
        out.put("Unauthorized", problemResponse("Not signed in, or the session ended (code unauthorized, session_ended)", false));
        out.put("Forbidden", problemResponse("Signed in, but this role may not do this (code forbidden)", false));
        out.put("TooManyRequests", problemResponse("Rate limit reached (code rate-limited): retry after Retry-After seconds", true));
        out.put("ServiceUnavailable", problemResponse("The database is unreachable for a moment (code service-unavailable): retry after Retry-After seconds", true));
        return out;
    }

    static APIResponse problemResponse(String description, boolean retryAfter) {
        APIResponse r = OASFactory.createAPIResponse().description(description).content(problemContent());
        if (retryAfter) {
            r.addHeader("Retry-After", retryAfterHeader());
        }
        return r;
    }

    static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM)));
    }

    static Header retryAfterHeader() {
        return OASFactory.createHeader().description("Seconds to wait before trying again")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER));
    }

    void shapeOperation(OpenAPI api, String path, Operation op) {
        APIResponses responses = op.getResponses() == null ? OASFactory.createAPIResponses() : op.getResponses();
        op.setResponses(responses);
        boolean secured = op.getSecurity() != null ? !op.getSecurity().isEmpty()
                : api.getSecurity() != null && !api.getSecurity().isEmpty();
        boolean limited = path.startsWith("/api/") && !path.startsWith("/api/webhooks/");
        Map<String, APIResponse> all = new LinkedHashMap<>(responses.getAPIResponses() == null ? Map.of() : responses.getAPIResponses());
        if (secured) {
            all.putIfAbsent("401", OASFactory.createAPIResponse().ref("Unauthorized"));
            all.putIfAbsent("403", OASFactory.createAPIResponse().ref("Forbidden"));
        }
        if (limited) {
            all.putIfAbsent("429", OASFactory.createAPIResponse().ref("TooManyRequests"));
        }
        if (path.startsWith("/api/")) {
            all.putIfAbsent("503", OASFactory.createAPIResponse().ref("ServiceUnavailable"));
        }
        all.forEach((status, response) -> {
            if (status.startsWith("2") && response.getContent() != null && response.getContent().getMediaTypes() != null) {
                response.getContent().getMediaTypes().forEach((type, media) -> {
                    if (!type.contains("json") && (media.getSchema() == null || media.getSchema().getType() == null
                            && media.getSchema().getRef() == null)) {
                        // CSV downloads, TwiML, Prometheus text: a document as a string.
                        media.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
                    }
                });
            }
            if (isError(status) && response.getRef() == null) {
                response.setContent(problemContent());
                if (status.equals("429") || status.equals("503")) {
                    response.setHeaders(new TreeMap<>(Map.of("Retry-After", retryAfterHeader())));
                }
                if (status.equals("401") && (response.getDescription() == null || response.getDescription().isBlank())) {
                    response.setDescription("Not signed in");
                }
            }
        });
        List<String> order = new ArrayList<>(all.keySet());
        order.sort(Comparator.comparing(OpenApiContract::responseRank).thenComparing(Comparator.naturalOrder()));
        for (String status : new ArrayList<>(all.keySet())) {
            responses.removeAPIResponse(status);
        }
        for (String status : order) {
            responses.addAPIResponse(status, all.get(status));
        }
    }

    /**
     * GET /api/events answers {@code text/event-stream}: each event's data is one of the payload schemas
     * (its name in the SSE {@code event:} field).
     */
    static void describeEventStream(Operation op, Set<String> schemaNames) {
        Schema oneOf = OASFactory.createSchema().description(
                "Each event: `event: <name>`, `id: <stream id>`, `data: <JSON payload>`. Names and payloads: "
                        + "message.status (MessageStatusEvent), message.inbound (MessageInboundEvent), "
                        + "campaign.progress (CampaignProgressEvent), import.progress (ImportProgressEvent), quota.level (QuotaLevelEvent), "
                        + "resync (ResyncEvent), reconnect (ReconnectEvent). A comment line every 15 s keeps it open.");
        for (String name : EVENT_SCHEMAS) {
            if (schemaNames.contains(name)) {
                oneOf.addOneOf(OASFactory.createSchema().ref(name));
            }
        }
        APIResponse ok = op.getResponses().getAPIResponse("200");
        if (ok != null) {
            ok.setContent(OASFactory.createContent().addMediaType("text/event-stream",
                    OASFactory.createMediaType().schema(oneOf)));
        }
    }

    static boolean isError(String status) {
        return status.length() == 3 && (status.charAt(0) == '4' || status.charAt(0) == '5');
    }

    private static int responseRank(String status) {
        if (status.startsWith("2")) {
            return 0;
        }
        return status.equals("default") ? 3 : isError(status) ? 2 : 1;
    }

    // --- required --------------------------------------------------------------------------------

    /**
     * Every property of a schema reached only from responses is required: Jackson writes each record
     * component, null or not. Schemas a request also uses are left as declared.
     */
    static void requireResponseProperties(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        Set<String> fromResponses = new HashSet<>();
        Set<String> fromRequests = new HashSet<>();
        if (api.getPaths() != null) {
            for (PathItem item : api.getPaths().getPathItems().values()) {
                for (Operation op : item.getOperations().values()) {
                    if (op.getResponses() != null && op.getResponses().getAPIResponses() != null) {
                        op.getResponses().getAPIResponses().values().forEach(r -> eachSchema(r.getContent(),
                                s -> reach(s, schemas, fromResponses)));
                    }
                    if (op.getRequestBody() != null) {
                        eachSchema(op.getRequestBody().getContent(), s -> reach(s, schemas, fromRequests));
                    }
                    if (op.getParameters() != null) {
                        op.getParameters().forEach(p -> reach(p.getSchema(), schemas, fromRequests));
                    }
                }
            }
        }
        fromResponses.removeAll(fromRequests);
        fromResponses.remove(PROBLEM);
        for (String name : fromResponses) {
            Schema s = schemas.get(name);
            if (s != null && s.getProperties() != null && !s.getProperties().isEmpty()) {
                s.setRequired(new ArrayList<>(new TreeSet<>(s.getProperties().keySet())));
            }
        }
    }

    private static void reach(Schema s, Map<String, Schema> schemas, Set<String> seen) {
        walk(s, x -> {
            if (x.getRef() != null && x.getRef().startsWith(SCHEMAS)) {
                String name = x.getRef().substring(SCHEMAS.length());
                if (seen.add(name) && schemas.get(name) != null) {
                    reach(schemas.get(name), schemas, seen);
                }
            }
        }, identitySet());
    }

    /** JSON Schema 2020-12: a nullable enum must list null, or null fails the enum. */
    static void nullInNullableEnums(OpenAPI api) {
        Consumer<Schema> fix = s -> {
            if (s.getEnumeration() != null && s.getType() != null && s.getType().contains(Schema.SchemaType.NULL)
                    && !s.getEnumeration().contains(null)) {
                List<Object> values = new ArrayList<>(s.getEnumeration());
                values.add(null);
                s.setEnumeration(values);
            }
        };
        api.getComponents().getSchemas().values().forEach(s -> walk(s, fix, identitySet()));
        eachSchemaOfPaths(api, s -> walk(s, fix, identitySet()));
    }

    // --- unused ----------------------------------------------------------------------------------

    static void removeUnused(OpenAPI api) {
        Map<String, Schema> schemas = new HashMap<>(api.getComponents().getSchemas());
        Set<String> used = new HashSet<>();
        eachSchemaOfPaths(api, s -> reach(s, schemas, used));
        if (api.getComponents().getResponses() != null) {
            api.getComponents().getResponses().values().forEach(r -> eachSchema(r.getContent(), s -> reach(s, schemas, used)));
        }
        schemas.keySet().retainAll(used);
        api.getComponents().setSchemas(new TreeMap<>(schemas));
    }

    // --- walking the document ----------------------------------------------------------------------

    static void eachSchemaOfPaths(OpenAPI api, Consumer<Schema> visit) {
        if (api.getPaths() == null) {
            return;
        }
        for (PathItem item : api.getPaths().getPathItems().values()) {
            if (item.getParameters() != null) {
                item.getParameters().forEach(p -> eachParameterSchema(p, visit));
            }
            for (Operation op : item.getOperations().values()) {
                if (op.getParameters() != null) {
                    op.getParameters().forEach(p -> eachParameterSchema(p, visit));
                }
                if (op.getRequestBody() != null) {
                    eachSchema(op.getRequestBody().getContent(), visit);
                }
                if (op.getResponses() != null && op.getResponses().getAPIResponses() != null) {
                    for (APIResponse r : op.getResponses().getAPIResponses().values()) {
                        eachSchema(r.getContent(), visit);
                        if (r.getHeaders() != null) {
                            r.getHeaders().values().forEach(h -> {
                                if (h.getSchema() != null) {
                                    visit.accept(h.getSchema());
                                }
                            });
                        }
                    }
                }
            }
        }
    }

    private static void eachParameterSchema(Parameter p, Consumer<Schema> visit) {
        if (p.getSchema() != null) {
            visit.accept(p.getSchema());
        }
        eachSchema(p.getContent(), visit);
    }

    static void eachSchema(Content content, Consumer<Schema> visit) {
        if (content == null || content.getMediaTypes() == null) {
            return;
        }
        for (MediaType mt : content.getMediaTypes().values()) {
            if (mt.getSchema() != null) {
                visit.accept(mt.getSchema());
            }
        }
    }

    private static Set<Schema> identitySet() {
        return java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    }

    /** Visits a schema and every schema nested in it (not following $ref). */
    static void walk(Schema s, Consumer<Schema> visit, Set<Schema> seen) {
        if (s == null || !seen.add(s)) {
            return;
        }
        visit.accept(s);
        if (s.getProperties() != null) {
            s.getProperties().values().forEach(p -> walk(p, visit, seen));
        }
        walk(s.getItems(), visit, seen);
        walk(s.getAdditionalPropertiesSchema(), visit, seen);
        walk(s.getNot(), visit, seen);
        for (Collection<Schema> list : new ArrayList<Collection<Schema>>(java.util.Arrays.asList(
                s.getAllOf(), s.getAnyOf(), s.getOneOf()))) {
            if (list != null) {
                list.forEach(x -> walk(x, visit, seen));
            }
        }
    }
}
