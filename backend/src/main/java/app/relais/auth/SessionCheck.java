package app.relais.auth;

import app.relais.common.api.Roles;
import app.relais.common.error.SessionEnded;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Runs on every authenticated request, once the token's signature and expiry are verified: the token
 * still works only if its user exists, is active, and its session was not ended (generation, ended
 * sessions); the roles the request gets are the user's current role, so a role change takes effect at
 * once. Read from {@link SessionStates}: no database read per request.
 */
@ApplicationScoped
public class SessionCheck implements SecurityIdentityAugmentor {

    private static final Set<String> USER_ROLES = Set.of(Roles.ADMIN, Roles.SUPER_ADMIN);

    @Inject
    SessionStates states;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        if (jwt.getGroups() == null || jwt.getGroups().stream().noneMatch(USER_ROLES::contains)) {
            return Uni.createFrom().item(identity); // no role of ours: every endpoint refuses it anyway (403)
        }
        UUID userId;
        try {
            userId = UUID.fromString(jwt.getSubject());
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(SessionEnded.failure());
        }
        int generation = TokenService.generationOf(jwt);
        String session = TokenService.sessionOf(jwt);
        return states.current(userId).map(state -> {
            if (!state.accepts(generation, session)) {
                throw SessionEnded.failure();
            }
            if (identity.getRoles().size() == 1 && identity.hasRole(state.role())) {
                return identity;
            }
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(identity.getPrincipal())
                    .addCredentials(identity.getCredentials())
                    .addAttributes(identity.getAttributes())
                    .addRole(state.role())
                    .build();
        });
    }
}
