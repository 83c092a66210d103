package app.relais.stats;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "One point per day, oldest first, days without activity included with zeros")
public record DailySeriesResponse(@Schema(example = "7") int days, @Schema(example = "Europe/Paris") String timeZone,
        List<DailyPoint> points) {
}
