package app.relais.monitoring;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;

@ApplicationScoped
@DefaultBean
public class DatabaseQueueSource implements QueueSource {

    @Inject
    AgroalDataSource dataSource;

    @Override
    public QueueSnapshot snapshot() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT count(*) FILTER (WHERE status = 'queued'), min(queued_at) FILTER (WHERE status = 'queued'),
                       count(*) FILTER (WHERE status = 'sending')
                FROM messages WHERE status IN ('queued', 'sending')
                """); ResultSet rs = ps.executeQuery()) {
            rs.next();
            OffsetDateTime oldest = rs.getObject(2, OffsetDateTime.class);
            Long age = oldest == null ? null : Math.max(0, Duration.between(oldest, OffsetDateTime.now()).toSeconds());
            return new QueueSnapshot(rs.getLong(1), oldest, age, rs.getLong(3), "database");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
