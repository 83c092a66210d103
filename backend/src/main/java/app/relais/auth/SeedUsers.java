package app.relais.auth;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates the seed's two accounts when they are missing (safe with several instances starting at
 * once). In production they must change their password at first sign-in.
 */
@ApplicationScoped
public class SeedUsers {

    private static final Logger LOG = Logger.getLogger(SeedUsers.class);

    @Inject
    EntityManager em;

    @Inject
    PasswordHasher hasher;

    @ConfigProperty(name = "relais.environment", defaultValue = "development")
    String environment;

    @ConfigProperty(name = "relais.auth.seed-users", defaultValue = "true")
    boolean enabled;

    @Transactional
    void onStart(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        boolean production = "production".equalsIgnoreCase(environment);
        int created = create("superadmin@chatbot.local", "Super Admin", "SuperAdmin2024!", "super_admin", production)
                + create("admin@chatbot.local", "Admin", "Admin2024!", "admin", production);
        if (created > 0) {
            LOG.infof("Created %d seed user(s): superadmin@chatbot.local, admin@chatbot.local%s", created,
                    production ? " (password change required at first sign-in)" : "");
        }
    }

    private int create(String email, String name, String password, String role, boolean mustChange) {
        Number exists = (Number) em.createNativeQuery("SELECT count(*) FROM users WHERE email = ?1")
                .setParameter(1, email).getSingleResult();
        if (exists.longValue() > 0) {
            return 0;
        }
        return em.createNativeQuery("""
                INSERT INTO users (email, full_name, password_hash, role, must_change_password)
                VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (email) DO NOTHING""")
                .setParameter(1, email).setParameter(2, name).setParameter(3, hasher.hash(password))
                .setParameter(4, role).setParameter(5, mustChange).executeUpdate();
    }
}
