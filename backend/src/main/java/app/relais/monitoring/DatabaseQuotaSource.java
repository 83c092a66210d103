package app.relais.monitoring;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
@DefaultBean
public class DatabaseQuotaSource implements QuotaSource {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MonitoringConfig config;

    @Override
    public List<QuotaUsage> usage(LocalDate day) {
        List<QuotaUsage> result = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT sender, sent_count, quota_limit FROM daily_quota_counters WHERE day = ? ORDER BY sender")) {
            ps.setObject(1, day);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(QuotaUsage.of(day, rs.getString(1), rs.getLong(2), rs.getLong(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        if (result.isEmpty()) {
            result.add(QuotaUsage.of(day, config.defaultSender(), 0, config.dailyLimit()));
        }
        return result;
    }
}
