package app.relais.common.api;

import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The one page shape of every list endpoint. {@code page} starts at 0. {@code total} is exact when
 * {@code totalExact} is true; a list over a large table may answer an approximate total instead (the contacts
 * list gives the planner's estimate above 2,000 matches, counts at most 1,000, and stops a count that runs out
 * of time): then {@code totalExact} is false. {@code hasMore} says whether a next page exists.
 */
@Schema(name = "Page")
public record PageResponse<T>(List<T> items, int page, int size, long total,
        @Schema(description = "false when total is approximate (estimate, cap or lower bound)") boolean totalExact,
        @Schema(description = "true when a next page exists") boolean hasMore) {

    /** An exactly counted page. */
    public PageResponse(List<T> items, int page, int size, long total) {
        this(items, page, size, total, true, (long) (page + 1) * size < total);
    }

    public <R> PageResponse<R> map(Function<T, R> mapper) {
        return new PageResponse<>(items.stream().map(mapper).toList(), page, size, total, totalExact, hasMore);
    }
}
