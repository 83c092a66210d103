package app.relais.auth;

import io.agroal.api.AgroalDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * The current {@link SessionState} of each user, read on every authenticated request without a database
 * read: a local copy kept {@code relais.auth.session-cache-ttl} (0.5 s), then Redis (shared by every
 * instance), then PostgreSQL (the truth) on a miss. A change (deactivation, role, password, reset,
 * logout, reuse) bumps the user's {@code session_version} in its transaction and, once committed,
 * writes the new state to Redis, where only a newer version replaces an older one (so a slow refill
 * cannot put back a stale state). Every instance thus sees it within the local TTL.
 */
@ApplicationScoped
public class SessionStates {

    private static final Logger LOG = Logger.getLogger(SessionStates.class);
    private static final String KEY = "relais:session:";
    /** SET only when the stored state is older (its version, the part before the first '|', is lower). */
    static final String SET_IF_NEWER = """
            local cur = redis.call('GET', KEYS[1])
            if cur then
              local v = tonumber(string.match(cur, '^(-?%d+)'))
              if v and v >= tonumber(ARGV[1]) then return 0 end
            end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            return 1""";

    private record Local(SessionState state, long readAt) {
    }

    private final ConcurrentHashMap<UUID, Local> local = new ConcurrentHashMap<>();

    @Inject
    ReactiveRedisDataSource reactiveRedis;

    @Inject
    RedisDataSource redis;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EntityManager em;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    AuthConfig config;

    private volatile long lastWarning;

    /** The user's current state: local copy, else Redis, else the database (then shared through Redis). */
    public Uni<SessionState> current(UUID userId) {
        Local l = local.get(userId);
        if (l != null && System.nanoTime() - l.readAt < config.sessionCacheTtl().toNanos()) {
            return Uni.createFrom().item(l.state);
        }
        return reactiveRedis.value(String.class).get(KEY + userId)
                .onItem().transformToUni(cached -> {
                    if (cached != null) {
                        try {
                            return Uni.createFrom().item(SessionState.decode(cached));
                        } catch (RuntimeException e) {
                            // an unreadable value (older format): read the truth again
                        }
                    }
                    return loadOnWorker(userId).call(state -> reactiveRedis.execute("EVAL", SET_IF_NEWER, "1",
                            KEY + userId, String.valueOf(state.version()), state.encode(),
                            String.valueOf(config.sessionSharedTtl().toMillis())).onFailure().recoverWithNull());
                })
                .onFailure().recoverWithUni(e -> {
                    warn(e);
                    return loadOnWorker(userId);
                })
                .invoke(state -> local.put(userId, new Local(state, System.nanoTime())));
    }

    /**
     * Records, in the caller's transaction, that what requests of {@code userId} must see changed (entity
     * changes are flushed first); once the transaction commits, the new state replaces the shared one.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changed(UUID userId) {
        em.flush();
        SessionState state = em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE users SET session_version = session_version + 1 WHERE id = ?")) {
                ps.setObject(1, userId);
                ps.executeUpdate();
            }
            SessionState s = load(c, userId);
            return s.exists() ? s : SessionState.gone();
        });
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    publish(userId, state);
                }
            }
        });
    }

    private void publish(UUID userId, SessionState state) {
        local.remove(userId);
        try {
            redis.execute("EVAL", SET_IF_NEWER, "1", KEY + userId, String.valueOf(state.version()), state.encode(),
                    String.valueOf(config.sessionSharedTtl().toMillis()));
        } catch (RuntimeException e) {
            // Other instances read Redis: try to take the stale state away at least.
            warn(e);
            try {
                redis.execute("DEL", KEY + userId);
            } catch (RuntimeException ignored) {
                // Redis is down: every instance reads the database meanwhile
            }
        }
        local.remove(userId);
    }

    private Uni<SessionState> loadOnWorker(UUID userId) {
        return Uni.createFrom().item(() -> {
            try (Connection c = dataSource.getConnection()) {
                return load(c, userId);
            } catch (SQLException e) {
                // Whatever the cause, the request cannot be checked: an outage to retry (503), not a sign-out.
                throw new IllegalStateException(new SQLTransientConnectionException(e.getMessage(), e));
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private SessionState load(Connection c, UUID userId) throws SQLException {
        long version;
        boolean active;
        String role;
        int generation;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT session_version, active, role, session_generation FROM users WHERE id = ?")) {
            ps.setObject(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return SessionState.unknown();
                }
                version = rs.getLong(1);
                active = rs.getBoolean(2);
                role = rs.getString(3);
                generation = rs.getInt(4);
            }
        }
        // Sessions ended one by one while one of their access tokens may still be unexpired.
        Set<String> ended = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT DISTINCT family_id FROM refresh_tokens
                WHERE user_id = ? AND revoked_at > now() - make_interval(secs => ?)""")) {
            ps.setObject(1, userId);
            ps.setLong(2, config.accessTokenMinutes() * 60L + 60);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ended.add(rs.getString(1));
                }
            }
        }
        return new SessionState(version, true, active, role, generation, Set.copyOf(ended));
    }

    private void warn(Throwable e) {
        long now = System.currentTimeMillis();
        if (now - lastWarning > 60_000) {
            lastWarning = now;
            LOG.warnf("Session states read from the database, Redis did not answer: %s", e.toString());
        }
    }
}
