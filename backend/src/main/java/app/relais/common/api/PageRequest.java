package app.relais.common.api;

import app.relais.common.error.ApiException;
import app.relais.common.error.FieldError;
import java.util.ArrayList;
import java.util.List;

/** Paging parameters, checked once: page ≥ 0, 1 ≤ size ≤ 200 (default 25). */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 25;
    public static final int MAX_SIZE = 200;

    public static PageRequest of(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        List<FieldError> errors = new ArrayList<>();
        if (p < 0) {
            errors.add(new FieldError("page", "min", "page ≥ 0"));
        }
        if (s < 1 || s > MAX_SIZE) {
            errors.add(new FieldError("size", "range", "1 ≤ size ≤ " + MAX_SIZE));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new PageRequest(p, s);
    }

    public int offset() {
        return page * size;
    }
}
