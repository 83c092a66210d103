package app.relais.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain JDBC on the test database, for fixtures and for checking what a request really stored. */
public final class Db {

    private Db() {
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(RelaisTestResources.jdbcUrl(), RelaisTestResources.dbUser(),
                RelaisTestResources.dbPassword());
    }

    /** Runs a statement (a SELECT too, its rows ignored); returns the rows it touched, or -1. */
    public static int exec(String sql, Object... args) {
        try (Connection c = connect(); PreparedStatement ps = prepare(c, sql, args)) {
            return ps.execute() ? -1 : ps.getUpdateCount();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the first row, or null when there is no row. */
    @SuppressWarnings("unchecked")
    public static <T> T queryOne(String sql, Object... args) {
        List<Map<String, Object>> rows = rows(sql, args);
        return rows.isEmpty() ? null : (T) rows.get(0).values().iterator().next();
    }

    public static Map<String, Object> row(String sql, Object... args) {
        List<Map<String, Object>> rows = rows(sql, args);
        return rows.isEmpty() ? null : rows.get(0);
    }

    public static long count(String sql, Object... args) {
        return ((Number) queryOne(sql, args)).longValue();
    }

    /** Every row as column label → value, in order. */
    public static List<Map<String, Object>> rows(String sql, Object... args) {
        try (Connection c = connect(); PreparedStatement ps = prepare(c, sql, args)) {
            List<Map<String, Object>> rows = new ArrayList<>();
            if (!ps.execute()) {
                return rows;
            }
            try (ResultSet rs = ps.getResultSet()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= columns; i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }
}
