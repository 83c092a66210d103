package app.relais.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import app.relais.testsupport.Accounts;
import app.relais.testsupport.RelaisTestResources;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The guard of "no 500 on any input": reads the app's own OpenAPI document and walks every operation
 * (so an operation added later is walked too) with hostile values — NUL and control characters,
 * duplicate keys, wrong types, nulls, huge strings and numbers, malformed JSON, multipart and form
 * bodies, bad query values and bad UUIDs — as a super admin and without a token. Any 5xx, any error
 * that is not {@code application/problem+json}, any body that leaks a Java class name, SQL or a file
 * path fails it, with the seed to replay the run: {@code -Drelais.fuzz.seed=<seed>}
 * ({@code -Drelais.fuzz.cases=<n>} sets the requests per operation).
 *
 * <p>Sandboxed so the shared database stays usable by the other tests: path ids are random UUIDs or
 * objects this test created itself, bulk actions are pinned to a filter that matches nothing, phone
 * numbers are random ones, and no request uses a seeded account.
 */
@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class ApiFuzzTest {

    private static final long SEED = Long.getLong("relais.fuzz.seed", System.nanoTime());
    private static final int CASES = Integer.getInteger("relais.fuzz.cases", 24);
    /**
     * Operations that hash a password (bcrypt, cost 12: ≈ 0.3 s of CPU each, by design) get fewer
     * requests, so the run stays bounded; every other operation, present or future, gets {@link #CASES}.
     */
    private static final Map<String, Integer> EXPENSIVE = Map.of("POST /api/auth/change-password", 6,
            "POST /api/auth/login", 8, "POST /api/users/{id}/reset-password", 8, "POST /api/users", 8);
    private static final int UNAUTHENTICATED_CASES = 3;
    private static final int PARALLEL = 4;
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    /** The fake Twilio REST API answers errors the way Twilio does (its JSON shape), for the Twilio SDK. */
    private static final String TWILIO_SHAPED_PREFIX = "/simulator/2010-04-01/";
    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\b(java|javax|jakarta|org|com|io|app)\\.[a-z0-9_]+\\.[A-Za-z0-9_.$]*(Exception|Error)\\b|\\bat [a-z]+\\.[a-z0-9_.]+\\(");
    private static final Pattern SQL = Pattern.compile(
            "(?i)\\b(select\\s[^\"]{0,200}\\sfrom|insert\\s+into|update\\s+\\w+\\s+set|delete\\s+from)\\b|syntax error at or near|PSQLException|SQLState|violates (foreign key|check|unique|not-null) constraint");
    private static final Pattern FILE_PATH = Pattern.compile(
            "(/tmp/|/root/|/home/|/work/|/usr/|/var/|\\.java:\\d+|[A-Z]:\\\\)");
    private static final String HUGE = "é".repeat(60_000);
    private static final String[] HOSTILE_STRINGS = { "nul\u0000byte", "\u0000", "ctl\u0001\u0002\u001b\u007f",
            "line\r\nX-Injected: 1", "\uD800 lone surrogate", "'; DROP TABLE contacts; --", "${jndi:ldap://x/y}",
            "<script>alert(1)</script>", "../../../../etc/passwd", "\u202Egnp.exe", "", "   ", HUGE,
            "😀".repeat(3000), "+33612345678\u0000", "not-a-uuid", "yesterday", "-1", "99999999999999999999" };
    /** Raw JSON tokens put in place of a value (the body is written by hand, so any token can go in). */
    private static final String[] HOSTILE_TOKENS = { "123", "-1", "0", "1.5", "1e400", "-1e400",
            "99999999999999999999999999", "2147483648", "9223372036854775808", "true", "false", "null", "[]", "{}",
            "[null]", "[\"x\",1,{}]", "{\"a\":{\"b\":{\"c\":[[[[]]]]}}}", "\"\"", "\"not-a-uuid\"", "\"yesterday\"",
            "\"2026-13-45T99:99:99Z\"", "\"+999999999-12-31T23:59:59Z\"", "\"00000000-0000-0000-0000-000000000000\"" };
    private static final String[] MALFORMED_JSON = { "", "{", "}", "{\"a\":", "[", "null", "[]", "\"text\"", "42",
            "{'single':'quotes'}", "{\"a\":1,}", "{\"a\" 1}", "{\"a\":NaN}", "{\"a\":Infinity}", "\u0000",
            "{\"a\":\"\\u0000\"}", "{\"a\":\"\\uZZZZ\"}", "{\"a\":01}", "{/*c*/}", "{\"a\":1}garbage",
            "[".repeat(5000) + "]".repeat(5000), "\uFEFF{}", "{\"a\":\"" + "x".repeat(100_000) + "\"}" };
    private static final String[] CONTENT_TYPES = { "text/plain", "application/xml", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=xyz", "garbage", "application/json; charset=ISO-8859-1",
            "application/json; charset=nonexistent", "*/*", "application/*" };
    private static final String[] QUERY_VALUES = { "%00", "nul%00byte", "%01%1F%7F", "abc", "99999999999", "-1",
            "-99999999999", "0", "1e400", "maybe", "2", "yesterday", "not-a-uuid", "%E2%80%AE", "%C3%28", "%FF",
            "", "%20", "true", "TRUE", "2026-13-45T99:99:99Z", "x".repeat(3000), "%25", "a%0D%0Ab" };
    private static final String[] BAD_PATH_IDS = { "not-a-uuid", "%00", "1", "00000000-0000-0000-0000-00000000000g",
            "x".repeat(300), "..%2F..%2Fetc", "%C3%28", "null", "-1" };

    @TestHTTPResource("/")
    URI root;

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, List<String>> ownIds = new LinkedHashMap<>();
    /** Bad answers by kind, operation and status: how many, and the first request that got one. */
    private final Map<String, String> failures = new TreeMap<>();
    private final Map<String, Integer> failureCounts = new TreeMap<>();
    private final Map<String, Integer> statuses = new TreeMap<>();
    /** Time spent per operation, to see what bounds the run. */
    private final Map<String, Long> millis = new TreeMap<>();
    private JsonNode spec;
    private Random random;
    private List<String> tokens;
    private int sent;

    @Test
    void everyOperationShouldAnswerHostileInputWithAProblemAndNever5xx() throws Exception {
        long started = System.nanoTime();
        System.out.println("ApiFuzzTest: seed " + SEED + " (replay with -Drelais.fuzz.seed=" + SEED + ")");
        random = new Random(SEED);
        spec = mapper.readTree(given().accept("application/json").get("/api/openapi").then().statusCode(200)
                .extract().asString());
        List<Operation> operations = operations();
        tokens = fuzzSuperAdmins(1 + operations.size() * CASES / 900);
        createOwnObjects(tokens.get(0));
        List<Planned> plan = new ArrayList<>();
        for (Operation op : operations) {
            for (int i = 0; i < UNAUTHENTICATED_CASES; i++) {
                plan.add(plan(op, null));
            }
            for (int i = 0; i < EXPENSIVE.getOrDefault(op.name(), CASES); i++) {
                plan.add(plan(op, tokens.get(plan.size() % tokens.size())));
            }
        }
        // Sent by a few clients at once, as a busy API sees them (the plan itself is fixed by the seed).
        var pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            for (var done : pool.invokeAll(plan.stream().<Callable<Void>>map(p -> () -> {
                send(p);
                return null;
            }).toList())) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
        sent = plan.size();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("ApiFuzzTest: seed %d, %d operations, %d requests in %.1f s, statuses %s, slowest %s%n", SEED,
                operations.size(), sent, seconds, statuses, millis.entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5).toList());
        assertTrue(operations.size() > 40, "the OpenAPI document lists the API (" + operations.size() + ")");
        if (!failures.isEmpty()) {
            StringBuilder report = new StringBuilder();
            failures.forEach((key, example) -> report.append(failureCounts.get(key)).append(" × ").append(key)
                    .append("\n    e.g. ").append(example).append('\n'));
            fail(failureCounts.values().stream().mapToInt(Integer::intValue).sum() + " bad answers (replay with -Drelais.fuzz.seed="
                    + SEED + "):\n" + report);
        }
    }

    record Operation(String method, String path, JsonNode node) {
        String name() {
            return method.toUpperCase() + " " + path;
        }
    }

    private List<Operation> operations() {
        List<Operation> ops = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = spec.path("paths").fields();
        while (paths.hasNext()) {
            var path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                var method = methods.next();
                if (METHODS.contains(method.getKey())) {
                    ops.add(new Operation(method.getKey(), path.getKey(), method.getValue()));
                }
            }
        }
        ops.sort((a, b) -> a.name().compareTo(b.name()));
        return ops;
    }

    // ---- one request -----------------------------------------------------------------------------

    record Planned(Operation op, HttpRequest request, String description) {
    }

    /** Builds one request: everything random is drawn here, in order, so a seed replays the same requests. */
    private Planned plan(Operation op, String token) {
        String path = concretePath(op);
        String query = query(op);
        String contentType = null;
        byte[] body = null;
        String mediaType = requestMediaType(op);
        if (mediaType != null || !"get".equals(op.method())) {
            if ("multipart/form-data".equals(mediaType)) {
                String[] multipart = multipart();
                contentType = multipart[0];
                body = multipart[1].getBytes(StandardCharsets.UTF_8);
            } else if ("application/x-www-form-urlencoded".equals(mediaType)) {
                contentType = "application/x-www-form-urlencoded";
                body = form().getBytes(StandardCharsets.UTF_8);
            } else if (mediaType != null) {
                contentType = "application/json";
                body = json(op).getBytes(StandardCharsets.UTF_8);
            }
            if (random.nextInt(10) == 0) {
                contentType = pick(CONTENT_TYPES);
            }
        }
        String description = op.name() + " [" + (token == null ? "anonymous" : "super admin") + "] " + path
                + (query.isEmpty() ? "" : "?" + abbreviate(query)) + (contentType == null ? "" : " (" + contentType + ")")
                + (body == null ? "" : " body " + abbreviate(new String(body, StandardCharsets.UTF_8)));
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(root.toString().replaceAll("/$", "") + path
                    + (query.isEmpty() ? "" : "?" + query))).timeout(Duration.ofSeconds(20));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the fuzz test built a URI Java refuses: " + description, e);
        }
        request.header("Accept", random.nextInt(12) == 0 ? "application/xml" : "*/*");
        request.header("X-Forwarded-For", "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254)));
        if (random.nextInt(6) == 0) {
            request.header("Accept-Language", "en");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(op.method().toUpperCase(), body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        return new Planned(op, request.build(), description);
    }

    private void send(Planned planned) {
        Operation op = planned.op();
        String description = planned.description();
        long started = System.nanoTime();
        try {
            HttpResponse<InputStream> response = http.send(planned.request(), HttpResponse.BodyHandlers.ofInputStream());
            String type = response.headers().firstValue("Content-Type").orElse("");
            String text;
            try (InputStream in = response.body()) {
                // A live event stream does not end: its status and type are what is checked.
                text = type.startsWith("text/event-stream") ? "" : new String(in.readNBytes(512 * 1024), StandardCharsets.UTF_8);
            }
            synchronized (statuses) {
                statuses.merge(String.valueOf(response.statusCode()), 1, Integer::sum);
                millis.merge(op.name(), (System.nanoTime() - started) / 1_000_000, Long::sum);
            }
            check(op, response.statusCode(), type, text, description);
        } catch (IOException e) {
            failure("no answer", op, 0, description + " -> " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void check(Operation op, int status, String type, String body, String description) {
        String where = description + " -> " + status + " " + type + " " + abbreviate(body);
        if (status >= 500) {
            failure("server error", op, status, where);
            return;
        }
        if (status >= 400 && !op.path().startsWith(TWILIO_SHAPED_PREFIX)) {
            if (!type.startsWith("application/problem+json")) {
                failure("not a Problem", op, status, where);
                return;
            }
            try {
                JsonNode problem = mapper.readTree(body);
                if (problem.path("status").asInt() != status || problem.path("title").asText().isEmpty()) {
                    failure("Problem without status or title", op, status, where);
                    return;
                }
            } catch (IOException e) {
                failure("Problem that is not JSON", op, status, where);
                return;
            }
        }
        // Prometheus' text names exception classes in its labels, by design (and behind an admin token).
        if (CLASS_NAME.matcher(body).find() && !type.contains("version=0.0.4")) {
            failure("leaks a class name", op, status, where);
        } else if (status >= 400 && (SQL.matcher(body).find() || FILE_PATH.matcher(body).find())) {
            failure("leaks SQL or a path", op, status, where);
        }
    }

    private synchronized void failure(String kind, Operation op, int status, String example) {
        String key = kind + ": " + op.name() + " -> " + status;
        failures.putIfAbsent(key, example);
        failureCounts.merge(key, 1, Integer::sum);
    }

    // ---- paths and query strings ------------------------------------------------------------------

    private String concretePath(Operation op) {
        StringBuilder out = new StringBuilder();
        var m = Pattern.compile("\\{([^}]+)}").matcher(op.path());
        int last = 0;
        while (m.find()) {
            out.append(op.path(), last, m.start());
            out.append(pathValue(op, m.group(1)));
            last = m.end();
        }
        return out.append(op.path().substring(last)).toString();
    }

    private String pathValue(Operation op, String name) {
        int dice = random.nextInt(10);
        if (dice < 2) {
            return pick(BAD_PATH_IDS);
        }
        if (name.equals("phone")) {
            return "%2B22997" + String.format("%06d", random.nextInt(1_000_000));
        }
        if (name.equals("code")) {
            return dice < 5 ? "63016" : String.valueOf(random.nextInt(100_000));
        }
        if (name.equals("accountSid")) {
            return "AC" + "0".repeat(32);
        }
        if (name.equals("sid")) {
            return "SM" + UUID.randomUUID().toString().replace("-", "");
        }
        String prefix = op.path().replaceAll("/\\{.*$", "");
        List<String> own = ownIds.get(prefix);
        if (own != null && !own.isEmpty() && dice < 7) {
            return own.get(random.nextInt(own.size()));
        }
        return UUID.randomUUID().toString();
    }

    private String query(Operation op) {
        List<String> parts = new ArrayList<>();
        for (JsonNode parameter : op.node().path("parameters")) {
            if (!"query".equals(parameter.path("in").asText()) || random.nextInt(3) == 0) {
                continue;
            }
            String name = URLEncoder.encode(parameter.path("name").asText(), StandardCharsets.UTF_8);
            String value = random.nextInt(3) == 0 ? plausibleQueryValue(resolve(parameter.path("schema")))
                    : pick(QUERY_VALUES);
            parts.add(name + "=" + value);
            if (random.nextInt(15) == 0) {
                parts.add(name + "=" + pick(QUERY_VALUES));
            }
        }
        if (random.nextInt(10) == 0) {
            parts.add("unknownParam=" + pick(QUERY_VALUES));
        }
        return String.join("&", parts);
    }

    private String plausibleQueryValue(JsonNode schema) {
        JsonNode value = plausible(schema, 0);
        return URLEncoder.encode(value.isTextual() ? value.asText() : value.toString(), StandardCharsets.UTF_8);
    }

    // ---- bodies -------------------------------------------------------------------------------------

    private String requestMediaType(Operation op) {
        JsonNode content = op.node().path("requestBody").path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return null;
        }
        if (content.has("application/json")) {
            return "application/json";
        }
        return content.fieldNames().next();
    }

    private JsonNode bodySchema(Operation op) {
        JsonNode content = op.node().path("requestBody").path("content");
        JsonNode media = content.has("application/json") ? content.get("application/json") : content.elements().hasNext()
                ? content.elements().next() : null;
        return media == null ? null : resolve(media.path("schema"));
    }

    private String json(Operation op) {
        int dice = random.nextInt(20);
        if (dice == 0) {
            return pick(MALFORMED_JSON);
        }
        JsonNode plausible = plausible(bodySchema(op), 0);
        pin(op, plausible);
        String text = plausible.toString();
        if (!(plausible instanceof ObjectNode object) || object.isEmpty()) {
            return dice < 4 ? pick(HOSTILE_TOKENS) : text;
        }
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        keys.removeAll(PINNED.getOrDefault(op.name(), Map.of()).keySet());
        if (keys.isEmpty() || dice == 1) {
            return text;
        }
        String key = pick(keys.toArray(String[]::new));
        if (dice < 5) {
            // A duplicate key, with a hostile or a plain second value.
            String value = dice < 3 ? mapper.valueToTree(pick(HOSTILE_STRINGS)).toString() : object.get(key).toString();
            return text.substring(0, text.length() - 1) + "," + quote(key) + ":" + value + "}";
        }
        if (dice < 10) {
            object.put(key, pick(HOSTILE_STRINGS));
            return object.toString();
        }
        if (dice < 16) {
            String marker = "\"__fuzz_token__\"";
            object.put(key, "__fuzz_token__");
            return object.toString().replace(marker, pick(HOSTILE_TOKENS));
        }
        if (dice < 18) {
            // Deep in a nested object or array when there is one.
            for (String k : keys) {
                if (object.get(k) instanceof ObjectNode nested && !nested.isEmpty()) {
                    nested.put(nested.fieldNames().next(), pick(HOSTILE_STRINGS));
                    return object.toString();
                }
                if (object.get(k) instanceof ArrayNode array) {
                    array.add(pick(HOSTILE_STRINGS));
                    array.addNull();
                    return object.toString();
                }
            }
            return object.toString();
        }
        object.remove(key);
        return object.toString();
    }

    /** Keys forced to a safe value: a bulk action must never reach the contacts other tests use. */
    private static final Map<String, Map<String, String>> PINNED = Map.of(
            "POST /api/contacts/bulk", Map.of("filter", "{\"q\":\"zz-fuzz-matches-nothing-7c1e\"}"));

    private void pin(Operation op, JsonNode body) {
        Map<String, String> pinned = PINNED.get(op.name());
        if (pinned == null) {
            return;
        }
        if (!(body instanceof ObjectNode object)) {
            throw new IllegalStateException(op.name() + " is pinned but its body is not an object");
        }
        pinned.forEach((key, value) -> {
            try {
                object.set(key, mapper.readTree(value));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        object.remove("ids");
    }

    private String[] multipart() {
        String boundary = "fuzz" + random.nextInt(1_000_000);
        String csv = random.nextBoolean() ? "phone;firstName\n+22997" + String.format("%06d", random.nextInt(1_000_000))
                + ";Fuzz\n" : "phone\n" + pick(HOSTILE_STRINGS) + "\n";
        String part = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n";
        String options = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + pick(new String[] { "options",
                "mapping", "separator", "categoryId", "x" }) + "\"\r\n\r\n" + pick(HOSTILE_STRINGS) + "\r\n";
        return switch (random.nextInt(9)) {
            case 0 -> new String[] { "multipart/form-data; boundary=" + boundary, "garbage \u0000 not multipart at all" };
            case 1 -> new String[] { "multipart/form-data; boundary=other", part + "--" + boundary + "--\r\n" };
            case 2 -> new String[] { "multipart/form-data; boundary=" + boundary, part };
            case 3 -> new String[] { "multipart/form-data", part + "--" + boundary + "--\r\n" };
            case 4 -> new String[] { "multipart/form-data; boundary=" + boundary, "--" + boundary
                    + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\n\r\nphone\n+336" };
            case 5 -> new String[] { "multipart/form-data; boundary=" + boundary, "--" + boundary + "--\r\n" };
            case 6 -> new String[] { "multipart/form-data; boundary=" + boundary, options + part + "--" + boundary + "--\r\n" };
            case 7 -> new String[] { "multipart/form-data; boundary=" + boundary, "--" + boundary
                    + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + "\u0000../x".repeat(50)
                    + "\"\r\n\r\n\u0000\u0001\r\n--" + boundary + "--\r\n" };
            default -> new String[] { "multipart/form-data; boundary=" + boundary, part + "--" + boundary + "--\r\n" };
        };
    }

    private String form() {
        return switch (random.nextInt(6)) {
            case 0 -> "%zz%%%=&&=";
            case 1 -> "MessageSid=SM" + "a".repeat(32) + "&From=whatsapp%3A%2B22997000000&Body=nul%00byte&ProfileName=%00";
            case 2 -> "MessageSid=" + "x".repeat(20_000) + "&MessageStatus=" + pick(QUERY_VALUES);
            case 3 -> "=&=&&" + "%".repeat(100);
            case 4 -> "MessageSid=SM1&MessageStatus=delivered&ErrorCode=99999999999999&m=not-a-uuid";
            default -> "Body=%C3%28&From=%FF%FE&AccountSid=AC" + "f".repeat(32);
        };
    }

    // ---- plausible values from the schema ----------------------------------------------------------

    private JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int i = 0; i < 10 && current != null && current.has("$ref"); i++) {
            String ref = current.get("$ref").asText().replace("#/components/schemas/", "");
            current = spec.path("components").path("schemas").path(ref);
        }
        if (current != null && current.has("allOf") && current.get("allOf").size() > 0) {
            return resolve(current.get("allOf").get(0));
        }
        if (current != null && (current.has("oneOf") || current.has("anyOf"))) {
            JsonNode options = current.has("oneOf") ? current.get("oneOf") : current.get("anyOf");
            for (JsonNode option : options) {
                if (!"null".equals(option.path("type").asText())) {
                    return resolve(option);
                }
            }
        }
        return current;
    }

    private JsonNode plausible(JsonNode rawSchema, int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        JsonNode schema = resolve(rawSchema);
        if (schema == null || schema.isMissingNode() || depth > 4) {
            return f.objectNode();
        }
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            return schema.get("enum").get(random.nextInt(schema.get("enum").size()));
        }
        String type = schema.path("type").isArray() ? firstNonNull(schema.path("type")) : schema.path("type").asText();
        String format = schema.path("format").asText();
        switch (type) {
            case "string":
                return switch (format) {
                    case "uuid" -> f.textNode(ownOrRandomId());
                    case "date-time" -> f.textNode("2026-12-0" + (1 + random.nextInt(9)) + "T10:00:00Z");
                    case "date" -> f.textNode("2026-12-03");
                    case "binary" -> f.textNode("phone\n+33612345678\n");
                    default -> f.textNode(plausibleText(schema));
                };
            case "integer":
                return f.numberNode(random.nextInt(100));
            case "number":
                return f.numberNode(random.nextInt(100) / 10.0);
            case "boolean":
                return f.booleanNode(random.nextBoolean());
            case "array": {
                ArrayNode array = f.arrayNode();
                array.add(plausible(schema.path("items"), depth + 1));
                return array;
            }
            default: {
                ObjectNode object = f.objectNode();
                Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
                while (properties.hasNext()) {
                    var property = properties.next();
                    if (!property.getValue().path("readOnly").asBoolean()) {
                        object.set(property.getKey(), plausible(property.getValue(), depth + 1));
                    }
                }
                if (object.isEmpty() && schema.has("additionalProperties")) {
                    object.put("key", "value");
                }
                return object;
            }
        }
    }

    private String plausibleText(JsonNode schema) {
        String pattern = schema.path("pattern").asText();
        if (pattern.contains("#[0-9A-Fa-f]{6}")) {
            return "#10B981";
        }
        if (pattern.startsWith("^HX")) {
            return "HX" + "0".repeat(32);
        }
        return switch (random.nextInt(4)) {
            case 0 -> "+22997" + String.format("%06d", random.nextInt(1_000_000));
            case 1 -> "fuzz-" + Integer.toHexString(random.nextInt()) + "@test.local";
            default -> "fuzz " + Integer.toHexString(random.nextInt());
        };
    }

    private String ownOrRandomId() {
        List<String> all = ownIds.values().stream().flatMap(List::stream).toList();
        return !all.isEmpty() && random.nextBoolean() ? all.get(random.nextInt(all.size())) : UUID.randomUUID().toString();
    }

    private static String firstNonNull(JsonNode types) {
        for (JsonNode t : types) {
            if (!"null".equals(t.asText())) {
                return t.asText();
            }
        }
        return "object";
    }

    // ---- the test's own objects and users ------------------------------------------------------------

    private void createOwnObjects(String admin) {
        String category = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "fuzz " + UUID.randomUUID(), "colour", "#10B981"))
                .post("/api/categories").then().statusCode(201).extract().path("id");
        ownIds.put("/api/categories", new ArrayList<>(List.of(category)));
        String contact = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("phone", "+22997" + String.format("%06d", random.nextInt(1_000_000)), "firstName", "Fuzz"))
                .post("/api/contacts").then().statusCode(201).extract().path("id");
        ownIds.put("/api/contacts", new ArrayList<>(List.of(contact)));
        String campaign = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "fuzz " + UUID.randomUUID(), "categoryIds", List.of(category),
                        "message1Body", "Bonjour"))
                .post("/api/campaigns").then().statusCode(201).extract().path("id");
        ownIds.put("/api/campaigns", new ArrayList<>(List.of(campaign)));
        String user = Accounts.createUser(Accounts.uniqueEmail("fuzz-target"), "admin");
        ownIds.put("/api/users", new ArrayList<>(List.of(user)));
    }

    /** Real super admins of the test's own (the rate limit is per user: one per 900 requests). */
    private List<String> fuzzSuperAdmins(int count) {
        List<String> result = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String email = Accounts.uniqueEmail("fuzz");
            Accounts.createUser(email, "super_admin");
            String ip = Accounts.randomIp();
            String first = Accounts.login(email, Accounts.PASSWORD, ip).then().statusCode(200).extract().path("accessToken");
            result.add(given().auth().oauth2(first).contentType(ContentType.JSON).header("X-Forwarded-For", ip)
                    .body(Map.of("currentPassword", Accounts.PASSWORD, "newPassword", "Fuzz-mot-de-passe-2025"))
                    .post("/api/auth/change-password").then().statusCode(200).extract().path("accessToken"));
        }
        return result;
    }

    // ---- small helpers -------------------------------------------------------------------------------

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private String quote(String key) {
        return mapper.valueToTree(key).toString();
    }

    private static String abbreviate(String s) {
        String flat = s.replace("\u0000", "\\0").replaceAll("[\\r\\n]", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "…(" + flat.length() + ")" : flat;
    }
}
