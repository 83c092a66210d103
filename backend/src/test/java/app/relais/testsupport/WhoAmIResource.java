package app.relais.testsupport;

import app.relais.common.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Test-only endpoint that proves the token round trip before /api/auth exists. */
@Path("/api/test-support/whoami")
public class WhoAmIResource {

    @Inject
    JsonWebToken jwt;

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.SUPER_ADMIN })
    public Map<String, String> whoami() {
        return Map.of("subject", jwt.getSubject(), "role", jwt.getGroups().iterator().next());
    }
}
