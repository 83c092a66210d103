package app.relais.auth;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an authenticated request must see of its user now: whether the user exists and is active, their
 * role, the session generation (a token issued under an older one is ended) and the sessions (refresh
 * families) ended one by one (logout, reuse). {@code version} orders the states of one user: the
 * shared cache keeps the newest.
 */
public record SessionState(long version, boolean exists, boolean active, String role, int generation,
        Set<String> endedSessions) {

    /** The user is gone (deleted): every one of their tokens is refused, whatever version comes later. */
    static SessionState gone() {
        return new SessionState(Long.MAX_VALUE, false, false, "", 0, Set.of());
    }

    /** Unknown user read from the database: the lowest version, so any real state replaces it. */
    static SessionState unknown() {
        return new SessionState(-1, false, false, "", 0, Set.of());
    }

    /** Whether a token issued under {@code tokenGeneration} for session {@code sessionId} (may be null) still works. */
    public boolean accepts(int tokenGeneration, String sessionId) {
        return exists && active && tokenGeneration >= generation
                && (sessionId == null || !endedSessions.contains(sessionId));
    }

    /** The cache's form: {@code version|exists|active|role|generation|sid,sid…}. */
    String encode() {
        return version + "|" + (exists ? 1 : 0) + "|" + (active ? 1 : 0) + "|" + role + "|" + generation + "|"
                + String.join(",", endedSessions);
    }

    static SessionState decode(String s) {
        String[] p = s.split("\\|", -1);
        if (p.length != 6) {
            throw new IllegalArgumentException("not a session state");
        }
        Set<String> ended = p[5].isEmpty() ? Set.of()
                : Arrays.stream(p[5].split(",")).collect(Collectors.toUnmodifiableSet());
        return new SessionState(Long.parseLong(p[0]), "1".equals(p[1]), "1".equals(p[2]), p[3],
                Integer.parseInt(p[4]), ended);
    }
}
