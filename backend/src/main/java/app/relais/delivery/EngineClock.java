package app.relais.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The engine's notion of now: the quota day, the reply window and completion read it. The system clock
 * in production; tests move it forward to see a day turn or a reply window close.
 */
@ApplicationScoped
public class EngineClock {

    private volatile Clock clock = Clock.systemUTC();

    public Instant instant() {
        return clock.instant();
    }

    public OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    public LocalDate today(ZoneId zone) {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /** Moves the clock (tests only). */
    public void shift(Duration offset) {
        clock = Clock.offset(Clock.systemUTC(), offset);
    }

    public void reset() {
        clock = Clock.systemUTC();
    }
}
