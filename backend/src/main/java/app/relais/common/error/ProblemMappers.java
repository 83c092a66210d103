package app.relais.common.error;

import app.relais.common.i18n.Messages;
import app.relais.common.json.StrictJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error leaves the API here, as RFC 9457 Problem Details in the caller's language (French by
 * default, English on Accept-Language: en). Never a stack trace or a class name.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    ObjectMapper objectMapper;

    @ServerExceptionMapper
    public Response apiException(ApiException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = locale(headers);
        Object[] args = e.args();
        String detail = Messages.get(locale, "problem." + e.code() + ".detail", args);
        Response.ResponseBuilder builder = respond(problem(locale, e.status(), e.code(), detail, uri,
                localizeFieldErrors(locale, e.errors()), e.extensions()));
        if (e.retryAfterSeconds() != null) {
            builder.header("Retry-After", e.retryAfterSeconds());
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = locale(headers);
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(ProblemMappers::toFieldError)
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return respond(problem(locale, 400, "validation", Messages.get(locale, "problem.validation.detail"), uri,
                errors, Map.of())).build();
    }

    @ServerExceptionMapper
    public Response jsonProblem(JsonProcessingException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = locale(headers);
        List<FieldError> errors = new ArrayList<>();
        String code = "malformed-json";
        String duplicate = duplicateKey(e);
        if (duplicate != null) {
            errors.add(new FieldError(duplicate, "duplicate_key", Messages.get(locale, "field.duplicate_key")));
            code = "validation";
        } else if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String fieldCode;
            String message;
            if (e instanceof UnrecognizedPropertyException unknown) {
                fieldCode = "unknown_field";
                // Name the accepted fields so "color" for "colour" is a one-look fix.
                String known = unknown.getKnownPropertyIds() == null ? "" : unknown.getKnownPropertyIds().stream()
                        .map(String::valueOf).sorted().collect(Collectors.joining(", "));
                message = known.isEmpty() ? Messages.get(locale, "field.unknown_field")
                        : Messages.get(locale, "field.unknown_field_known", known);
            } else if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                    && invalid.getTargetType().isEnum()) {
                fieldCode = "invalid_value";
                String allowed = java.util.Arrays.stream(invalid.getTargetType().getEnumConstants())
                        .map(c -> c.toString().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
                message = Messages.get(locale, "field.invalid_enum", allowed);
            } else if (e instanceof StrictJson.NulCharacterException) {
                fieldCode = "nul_character";
                message = Messages.get(locale, "field.nul_character");
            } else if (e instanceof MismatchedInputException mismatch) {
                fieldCode = "invalid_type";
                message = Messages.get(locale, "field.invalid_type." + expectedType(mismatch.getTargetType()));
            } else {
                fieldCode = "invalid_value";
                message = Messages.get(locale, "field.invalid_value");
            }
            errors.add(new FieldError(field, fieldCode, message));
            code = "validation";
        }
        String detail = Messages.get(locale, "problem." + code + ".detail");
        return respond(problem(locale, 400, code, detail, uri, errors, Map.of())).build();
    }

    /** The key a body gives twice (StrictJson turns on Jackson's duplicate detection), or null. */
    static String duplicateKey(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (e instanceof com.fasterxml.jackson.core.JsonParseException && message != null
                && message.startsWith("Duplicate field '")) {
            int end = message.indexOf('\'', "Duplicate field '".length());
            return end < 0 ? null : message.substring("Duplicate field '".length(), end);
        }
        return null;
    }

    /** The kind of value a field expects, for a message that shows the right shape. */
    static String expectedType(Class<?> type) {
        if (type == null) {
            return "other";
        }
        if (type == java.time.OffsetDateTime.class || type == java.time.Instant.class
                || type == java.time.ZonedDateTime.class) {
            return "datetime";
        }
        if (type == java.time.LocalDate.class) {
            return "date";
        }
        if (type == java.util.UUID.class) {
            return "uuid";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        if (type == String.class) {
            return "string";
        }
        return "other";
    }

    /**
     * quarkus-rest-jackson ships its own mapper for MismatchedInputException (a truncated body, a wrong
     * type) that answers plain JSON; this more specific one keeps every JSON error a Problem.
     */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response mismatchedInput(MismatchedInputException e, HttpHeaders headers, UriInfo uri) {
        return jsonProblem(e, headers, uri);
    }

    /**
     * The framework's multipart parser fails with an IOException on a body that is not the multipart it
     * announces (garbage, a wrong boundary, an unterminated part): the client's fault, a 400.
     */
    @ServerExceptionMapper
    public Response io(java.io.IOException e, HttpHeaders headers, UriInfo uri) {
        if (!isMalformedMultipart(e)) {
            return internal(e, headers, uri);
        }
        Locale locale = locale(headers);
        return respond(problem(locale, 400, "malformed-multipart",
                Messages.get(locale, "problem.malformed-multipart.detail"), uri, List.of(), Map.of())).build();
    }

    static boolean isMalformedMultipart(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getClassName().contains(".multipart.")) {
                    return true;
                }
            }
        }
        return false;
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized(RuntimeException e, HttpHeaders headers, UriInfo uri) {
        if (isDatabaseUnavailable(e)) {
            return internal(e, headers, uri); // the session check could not read the database: 503, not a sign-out
        }
        Locale locale = locale(headers);
        if (SessionEnded.is(e)) {
            return respond(problem(locale, 401, SessionEnded.CODE,
                    Messages.get(locale, "problem." + SessionEnded.CODE + ".detail"), uri, List.of(), Map.of()))
                    .header("WWW-Authenticate", "Bearer error=\"invalid_token\"").build();
        }
        return respond(problem(locale, 401, "unauthorized", Messages.get(locale, "problem.unauthorized.detail"),
                uri, List.of(), Map.of())).header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = locale(headers);
        return respond(problem(locale, 403, "forbidden", Messages.get(locale, "problem.forbidden.detail"),
                uri, List.of(), Map.of())).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpHeaders headers, UriInfo uri) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return jsonProblem(json, headers, uri);
            }
        }
        Locale locale = locale(headers);
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return internal(e, headers, uri);
        }
        String code = switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "route-not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            default -> "http-" + status;
        };
        String detail = Messages.get(locale, "problem." + code + ".detail");
        Response.ResponseBuilder builder = respond(problem(locale, status, code, detail, uri, List.of(), Map.of()));
        if (status == 405 && e.getResponse().getHeaderString("Allow") != null) {
            builder.header("Allow", e.getResponse().getHeaderString("Allow"));
        }
        return builder.build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response internal(Throwable e, HttpHeaders headers, UriInfo uri) {
        if (isDatabaseUnavailable(e)) {
            LOG.warnf("Database unavailable on %s: %s", uri == null ? "?" : uri.getPath(), e.toString());
            Locale locale = locale(headers);
            return respond(problem(locale, 503, "service-unavailable",
                    Messages.get(locale, "problem.service-unavailable.detail"), uri, List.of(), Map.of()))
                    .header("Retry-After", 5).build();
        }
        if (isConcurrentUpdate(e)) {
            Locale locale = locale(headers);
            return respond(problem(locale, 409, "concurrent-update",
                    Messages.get(locale, "problem.concurrent-update.detail"), uri, List.of(), Map.of())).build();
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "Unhandled error on %s (reference %s)", uri == null ? "?" : uri.getPath(), reference);
        Locale locale = locale(headers);
        return respond(problem(locale, 500, "internal", Messages.get(locale, "problem.internal.detail", reference),
                uri, List.of(), Map.of("reference", reference))).build();
    }

    /** Another request changed or deleted the same row meanwhile (two deletes of one contact at once). */
    static boolean isConcurrentUpdate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.persistence.OptimisticLockException || t instanceof org.hibernate.StaleStateException) {
                return true;
            }
        }
        return false;
    }

    /**
     * A lost or refused database connection (SQLState class 08, an admin shutdown 57P, too many
     * connections 53, a database refusing connections, or the pool timing out on a new connection) is an outage to retry, not a bug: 503 with Retry-After.
     */
    static boolean isDatabaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof org.hibernate.exception.JDBCConnectionException) {
                return true;
            }
            if (t instanceof org.hibernate.JDBCException jdbc && jdbc.getMessage() != null
                    && jdbc.getMessage().startsWith("Unable to acquire JDBC Connection")) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P")
                            || sql.getSQLState().startsWith("53"))) {
                return true;
            }
            // A FATAL server error ends the session: e.g. 55000 "database is not currently accepting
            // connections" when a new pooled connection is refused during maintenance.
            if (t instanceof org.postgresql.util.PSQLException psql && psql.getServerErrorMessage() != null
                    && "FATAL".equals(psql.getServerErrorMessage().getSeverity())) {
                return true;
            }
        }
        return false;
    }

    public Problem problem(Locale locale, int status, String code, String detail, UriInfo uri,
            List<FieldError> errors, Map<String, Object> extensions) {
        String title = Messages.get(locale, "problem." + code + ".title");
        if (title == null) {
            title = Response.Status.fromStatusCode(status) != null
                    ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Error";
        }
        return new Problem(Problem.TYPE_BASE + code, title, status, detail,
                uri == null ? null : uri.getPath(), code, errors, extensions);
    }

    private Response.ResponseBuilder respond(Problem problem) {
        String body;
        try {
            body = objectMapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + problem.status() + ",\"title\":\"Error\"}";
        }
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(body);
    }

    private static Locale locale(HttpHeaders headers) {
        try {
            return Messages.negotiate(headers == null ? null : headers.getAcceptableLanguages());
        } catch (RuntimeException e) {
            return Messages.FRENCH;
        }
    }

    private static List<FieldError> localizeFieldErrors(Locale locale, List<FieldError> errors) {
        return errors.stream().map(f -> {
            String key = "field." + f.code();
            String message = f.message() == null ? Messages.get(locale, key) : f.message();
            if (message != null && message.startsWith("field.")) {
                message = Messages.getOrDefault(locale, message, message);
            }
            return new FieldError(f.field(), f.code(), message);
        }).toList();
    }

    private static FieldError toFieldError(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        // "create.arg0.phone" / "create.request.phone" -> "phone"
        String[] parts = path.split("\\.");
        String field = parts.length > 2 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length))
                : parts[parts.length - 1];
        String constraint = v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        return new FieldError(field, camelToSnake(constraint), v.getMessage());
    }

    private static String camelToSnake(String s) {
        return s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
