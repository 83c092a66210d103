package app.relais.common.error;

import java.util.List;
import java.util.Map;

/**
 * A failure a client caused or must know about, turned into Problem Details by {@link ProblemMappers}.
 * {@code code} is stable (it ends the problem type URI and names the messages
 * {@code problem.<code>.title} / {@code .detail} in the bundles); args fill {0}, {1}… in the detail.
 * Feature packages subclass it for their typed errors (ContactNotFound, DuplicatePhone…).
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final transient Object[] args;
    private final List<FieldError> errors;
    private final transient Map<String, Object> extensions;
    private final Integer retryAfterSeconds;

    public ApiException(int status, String code, Object... args) {
        this(status, code, List.of(), Map.of(), null, args);
    }

    public ApiException(int status, String code, List<FieldError> errors, Map<String, Object> extensions,
            Integer retryAfterSeconds, Object... args) {
        super(code, null, false, false);
        this.status = status;
        this.code = code;
        this.args = args == null ? new Object[0] : args;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException notFound(String resource, Object id) {
        return new ApiException(404, "not-found", resource, id);
    }

    public static ApiException conflict(String code, Object... args) {
        return new ApiException(409, code, args);
    }

    public static ApiException badRequest(String code, Object... args) {
        return new ApiException(400, code, args);
    }

    /** 422-style field validation, answered as 400 with the field list, like Bean Validation errors. */
    public static ApiException invalid(List<FieldError> errors) {
        return new ApiException(400, "validation", errors, Map.of(), null);
    }

    public static ApiException invalidField(String field, String code, String message) {
        return invalid(List.of(new FieldError(field, code, message)));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Object[] args() {
        return args.clone();
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
