package app.relais.whatsapp.simulator;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The simulator's state in PostgreSQL (V3), with plain JDBC: several app instances share it. */
@ApplicationScoped
public class SimulatorStore {

    public record Phone(String phoneE164, String behaviour, long messageCount, OffsetDateTime lastMessageAt) {
    }

    private static final String COLUMNS = "sid, account_sid, direction, phone_e164, from_address, to_address, body,"
            + " content_sid, content_variables::text, messaging_service_sid, status_callback, status, error_code,"
            + " error_message, date_created, date_sent, date_updated";

    private final DataSource dataSource;

    public SimulatorStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The phone's behaviour; an unknown phone is registered as ok. */
    public Behaviour behaviourOf(String phone) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO simulator_phones (phone_e164) VALUES (?)"
                        + " ON CONFLICT (phone_e164) DO UPDATE SET phone_e164 = EXCLUDED.phone_e164 RETURNING behaviour")) {
            ps.setString(1, phone);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Behaviour.fromValue(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void setBehaviour(String phone, Behaviour behaviour) {
        update("INSERT INTO simulator_phones (phone_e164, behaviour) VALUES (?, ?) ON CONFLICT (phone_e164)"
                + " DO UPDATE SET behaviour = EXCLUDED.behaviour, updated_at = now()", phone, behaviour.value());
    }

    public void insert(SimulatedMessage m) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO simulator_messages (sid, account_sid, direction,"
                        + " phone_e164, from_address, to_address, body, content_sid, content_variables,"
                        + " messaging_service_sid, status_callback, status, error_code, error_message, date_created,"
                        + " date_sent, date_updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, m.sid());
            ps.setString(2, m.accountSid());
            ps.setString(3, m.direction());
            ps.setString(4, m.phoneE164());
            ps.setString(5, m.fromAddress());
            ps.setString(6, m.toAddress());
            ps.setString(7, m.body());
            ps.setString(8, m.contentSid());
            ps.setString(9, m.contentVariables());
            ps.setString(10, m.messagingServiceSid());
            ps.setString(11, m.statusCallback());
            ps.setString(12, m.status());
            setInteger(ps, 13, m.errorCode());
            ps.setString(14, m.errorMessage());
            ps.setObject(15, m.dateCreated());
            ps.setObject(16, m.dateSent());
            ps.setObject(17, m.dateUpdated());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void updateStatus(String sid, String status, Integer errorCode, String errorMessage) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE simulator_messages SET status = ?, error_code = ?,"
                        + " error_message = ?, date_updated = now() WHERE sid = ?")) {
            ps.setString(1, status);
            setInteger(ps, 2, errorCode);
            ps.setString(3, errorMessage);
            ps.setString(4, sid);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<SimulatedMessage> find(String accountSid, String sid) {
        List<SimulatedMessage> found = query("SELECT " + COLUMNS + " FROM simulator_messages WHERE account_sid = ? AND sid = ?",
                accountSid, sid);
        return found.stream().findFirst();
    }

    /**
     * Newest first (date sent, else date created; then SID), after the message {@code afterSid} when
     * given (a page token); {@code sentAfter}/{@code sentBefore} bound date_sent (inclusive after,
     * exclusive before).
     */
    public List<SimulatedMessage> list(String accountSid, String to, String from, OffsetDateTime sentAfter,
            OffsetDateTime sentBefore, String afterSid, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM simulator_messages WHERE account_sid = ?");
        List<Object> args = new ArrayList<>(List.of(accountSid));
        if (to != null) {
            sql.append(" AND to_address = ?");
            args.add(to);
        }
        if (from != null) {
            sql.append(" AND from_address = ?");
            args.add(from);
        }
        if (sentAfter != null) {
            sql.append(" AND date_sent >= ?");
            args.add(sentAfter);
        }
        if (sentBefore != null) {
            sql.append(" AND date_sent < ?");
            args.add(sentBefore);
        }
        if (afterSid != null) {
            sql.append(" AND (COALESCE(date_sent, date_created), sid) < (SELECT COALESCE(date_sent, date_created), sid"
                    + " FROM simulator_messages WHERE sid = ?)");
            args.add(afterSid);
        }
        sql.append(" ORDER BY COALESCE(date_sent, date_created) DESC, sid DESC LIMIT ?");
        args.add(limit);
        return query(sql.toString(), args.toArray());
    }

    /** An outbound message whose statuses have not reached their end, with its phone's behaviour. */
    public record Unfinished(SimulatedMessage message, Behaviour behaviour) {
    }

    /** Outbound messages created since {@code since} whose status sequence may go on (oldest first). */
    public List<Unfinished> unfinished(OffsetDateTime since) {
        String columns = java.util.Arrays.stream(COLUMNS.split(",")).map(c -> "m." + c.trim())
                .collect(java.util.stream.Collectors.joining(", "));
        String sql = "SELECT " + columns + ", p.behaviour FROM simulator_messages m LEFT JOIN simulator_phones p ON p.phone_e164 = m.phone_e164"
                + " WHERE m.direction = 'outbound-api' AND m.status IN ('queued', 'accepted', 'sent', 'delivered')"
                + " AND m.date_created >= ? ORDER BY m.date_created";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, since);
            List<Unfinished> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Behaviour b = Behaviour.fromValue(rs.getString(18));
                    rows.add(new Unfinished(message(rs), b == null ? Behaviour.OK : b));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<SimulatedMessage> messagesOf(String phone, int limit, int offset) {
        return query("SELECT " + COLUMNS + " FROM simulator_messages WHERE phone_e164 = ?"
                + " ORDER BY date_created DESC, sid LIMIT ? OFFSET ?", phone, limit, offset);
    }

    public long countMessagesOf(String phone) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM simulator_messages WHERE phone_e164 = ?")) {
            ps.setString(1, phone);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Phone> phones(int limit, int offset) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT p.phone_e164, p.behaviour, count(m.sid),"
                        + " max(m.date_created) FROM simulator_phones p LEFT JOIN simulator_messages m"
                        + " ON m.phone_e164 = p.phone_e164 GROUP BY p.phone_e164, p.behaviour"
                        + " ORDER BY max(m.date_created) DESC NULLS LAST, p.phone_e164 LIMIT ? OFFSET ?")) {
            ps.setInt(1, limit);
            ps.setInt(2, offset);
            List<Phone> phones = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    phones.add(new Phone(rs.getString(1), rs.getString(2), rs.getLong(3),
                            rs.getObject(4, OffsetDateTime.class)));
                }
            }
            return phones;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<Phone> phone(String phone) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT p.phone_e164, p.behaviour, count(m.sid),"
                        + " max(m.date_created) FROM simulator_phones p LEFT JOIN simulator_messages m"
                        + " ON m.phone_e164 = p.phone_e164 WHERE p.phone_e164 = ? GROUP BY p.phone_e164, p.behaviour")) {
            ps.setString(1, phone);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Phone(rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getObject(4, OffsetDateTime.class))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long countPhones() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM simulator_phones");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<SimulatedMessage> query(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<SimulatedMessage> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(message(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SimulatedMessage message(ResultSet rs) throws SQLException {
        return new SimulatedMessage(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getString(12), (Integer) rs.getObject(13),
                rs.getString(14), rs.getObject(15, OffsetDateTime.class),
                rs.getObject(16, OffsetDateTime.class), rs.getObject(17, OffsetDateTime.class));
    }

    private void update(String sql, Object... args) {
        app.relais.common.db.Jdbc.update(dataSource, sql, args);
    }

    private static void setInteger(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

}
