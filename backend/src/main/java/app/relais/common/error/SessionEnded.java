package app.relais.common.error;

import io.quarkus.security.AuthenticationFailedException;
import java.util.Map;

/**
 * A valid token whose session ended (user deactivated or deleted, password changed or reset, logout,
 * reuse): answered 401 with code {@value #CODE}, so the dashboard goes back to sign-in.
 */
public final class SessionEnded {

    public static final String CODE = "session_ended";
    private static final String ATTRIBUTE = "relais.problem-code";

    private SessionEnded() {
    }

    /** The authentication failure to raise (Quarkus' own type, so the security layer treats it as one). */
    public static AuthenticationFailedException failure() {
        return new AuthenticationFailedException(CODE, Map.of(ATTRIBUTE, CODE));
    }

    /** Whether {@code e} (or one of its causes) is that failure. */
    public static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AuthenticationFailedException a && CODE.equals(a.getAttribute(ATTRIBUTE))) {
                return true;
            }
        }
        return false;
    }
}
