package app.relais.auth;

/** Where a request carries its access token: "Authorization: Bearer …", else an access_token parameter. */
public final class BearerTokens {

    private BearerTokens() {
    }

    /**
     * The raw token, or null when there is none. {@code queryToken} is the access_token parameter for
     * clients that cannot set headers (EventSource); pass null where it is not accepted.
     */
    public static String extract(String authorization, String queryToken) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).strip();
            return token.isEmpty() ? null : token;
        }
        return queryToken == null || queryToken.isBlank() ? null : queryToken.strip();
    }
}
