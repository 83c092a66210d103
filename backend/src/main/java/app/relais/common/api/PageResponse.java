package app.relais.common.api;

import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The one page shape of every list endpoint. {@code page} starts at 0. */
@Schema(name = "Page")
public record PageResponse<T>(List<T> items, int page, int size, long total) {

    public <R> PageResponse<R> map(Function<T, R> mapper) {
        return new PageResponse<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
