package app.relais.common.web;

import app.relais.common.error.ApiException;
import app.relais.common.error.FieldError;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Checks every request against the resource method it reached, before any parameter is converted, so
 * that no endpoint has to: a query value that does not fit its declared type ({@code size=abc},
 * {@code page=99999999999}, {@code since=yesterday}, {@code categoryId=not-a-uuid},
 * {@code hasReplied=maybe}) is a 400 naming the parameter (JAX-RS would answer 404), a query value may
 * not hold a NUL character nor exceed {@value #MAX_QUERY_VALUE_LENGTH} characters, and a method that
 * reads a body without declaring {@code @Consumes} takes JSON only (anything else with a body: 415). It runs after
 * RequestGuard (priority 100), so a flood of bad requests is rate-limited like any other.
 */
public class RequestChecks {

    static final int MAX_QUERY_VALUE_LENGTH = 2000;
    private static final Pattern UUID_TEXT = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final Set<String> METHODS_WITH_BODY = Set.of("POST", "PUT", "PATCH", "DELETE");

    /** What a resource method declares, read once per method. */
    record Shape(Map<String, Class<?>> queryTypes, boolean readsJsonBody) {
    }

    private final Map<Method, Shape> shapes = new ConcurrentHashMap<>();

    @ServerRequestFilter(priority = 200)
    public void check(ContainerRequestContext context, SimpleResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null) {
            return;
        }
        Method method = method(resource);
        if (method == null) {
            return;
        }
        Shape shape = shapes.computeIfAbsent(method, RequestChecks::shape);
        List<FieldError> errors = new ArrayList<>();
        MultivaluedMap<String, String> query = context.getUriInfo().getQueryParameters();
        for (var entry : query.entrySet()) {
            for (String value : entry.getValue()) {
                FieldError error = check(entry.getKey(), value, shape.queryTypes().get(entry.getKey()));
                if (error != null) {
                    errors.add(error);
                    break;
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        if (shape.readsJsonBody() && METHODS_WITH_BODY.contains(context.getMethod())) {
            String type = context.getHeaderString(HttpHeaders.CONTENT_TYPE);
            // An empty body carries no content, whatever type a client labels it with (some send a form type
            // on a bodiless POST, as a cookie refresh or a logout is).
            if (type != null && !isJson(type) && !"0".equals(context.getHeaderString(HttpHeaders.CONTENT_LENGTH))) {
                throw new ApiException(415, "unsupported-media-type");
            }
        }
    }

    static FieldError check(String name, String value, Class<?> type) {
        if (value.indexOf('\u0000') >= 0) {
            return new FieldError(name, "nul_character", null);
        }
        if (value.length() > MAX_QUERY_VALUE_LENGTH) {
            return new FieldError(name, "too_long", null);
        }
        if (type == null || type == String.class) {
            return null;
        }
        String v = value.strip();
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            try {
                long n = Long.parseLong(v);
                if ((type == Integer.class || type == int.class) && (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE)) {
                    return new FieldError(name, "range", null);
                }
                return null;
            } catch (NumberFormatException e) {
                return new FieldError(name, "invalid_type", "field.invalid_type.number");
            }
        }
        if (type == Boolean.class || type == boolean.class) {
            return v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false") ? null
                    : new FieldError(name, "invalid_type", "field.invalid_type.boolean");
        }
        if (type == java.util.UUID.class) {
            return UUID_TEXT.matcher(v).matches() ? null : new FieldError(name, "invalid_type", "field.invalid_type.uuid");
        }
        if (type == OffsetDateTime.class) {
            try {
                OffsetDateTime.parse(v);
                return null;
            } catch (DateTimeParseException e) {
                return new FieldError(name, "invalid_type", "field.invalid_type.datetime");
            }
        }
        return null;
    }

    static boolean isJson(String contentType) {
        try {
            MediaType media = MediaType.valueOf(contentType);
            String subtype = media.getSubtype().toLowerCase(Locale.ROOT);
            String charset = media.getParameters().get("charset");
            return "application".equalsIgnoreCase(media.getType()) && (subtype.equals("json") || subtype.endsWith("+json"))
                    && (charset == null || charset.equalsIgnoreCase("utf-8"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Method method(SimpleResourceInfo resource) {
        try {
            return resource.getResourceClass().getMethod(resource.getMethodName(), resource.parameterTypes());
        } catch (NoSuchMethodException e) {
            for (Method m : resource.getResourceClass().getDeclaredMethods()) {
                if (m.getName().equals(resource.getMethodName())
                        && java.util.Arrays.equals(m.getParameterTypes(), resource.parameterTypes())) {
                    return m;
                }
            }
            return null;
        }
    }

    static Shape shape(Method method) {
        Map<String, Class<?>> query = new java.util.HashMap<>();
        boolean entity = false;
        for (Parameter p : method.getParameters()) {
            QueryParam q = p.getAnnotation(QueryParam.class);
            RestQuery rq = p.getAnnotation(RestQuery.class);
            if (q != null) {
                query.put(q.value(), p.getType());
            } else if (rq != null) {
                query.put(rq.value().isEmpty() ? p.getName() : rq.value(), p.getType());
            } else if (isEntity(p)) {
                entity = true;
            }
        }
        boolean declaresConsumes = method.isAnnotationPresent(Consumes.class)
                || method.getDeclaringClass().isAnnotationPresent(Consumes.class);
        return new Shape(Map.copyOf(query), entity && !declaresConsumes);
    }

    /** The body parameter: the one no JAX-RS annotation binds and that is not an injected context object. */
    private static boolean isEntity(Parameter p) {
        for (Annotation a : p.getAnnotations()) {
            String pkg = a.annotationType().getPackageName();
            if (pkg.startsWith("jakarta.ws.rs") || pkg.startsWith("org.jboss.resteasy.reactive")) {
                return false;
            }
        }
        String typePackage = p.getType().getPackageName();
        return !(typePackage.startsWith("io.vertx") || typePackage.startsWith("jakarta.ws.rs")
                || typePackage.startsWith("org.jboss.resteasy") || typePackage.startsWith("io.quarkus"));
    }
}
