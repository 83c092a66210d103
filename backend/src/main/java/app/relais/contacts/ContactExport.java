package app.relais.contacts;

import app.relais.common.csv.Csv;
import app.relais.common.error.ApiException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CSV export of contacts: every contact matching a list filter, read with a server-side cursor (JDBC fetch size)
 * and written row by row, so memory stays constant whatever the number of contacts.
 */
@ApplicationScoped
public class ContactExport {

    /** Most custom-attribute columns an export carries (keys sorted alphabetically). */
    static final int MAX_ATTRIBUTE_COLUMNS = 200;
    static final List<String> FIXED_COLUMNS = List.of("phone_e164", "country", "first_name", "last_name",
            "categories", "opted_out", "whatsapp_status");
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    /** A checked export request: the filter (validated before the response starts) and the separator. */
    public record Plan(ContactQuery query, char separator) {
    }

    /** Validates the filter and separator now, so that a mistake is answered as Problem Details, not a broken CSV. */
    public Plan plan(ContactService.ListFilter filter, String separator) {
        char sep;
        if (separator == null || separator.isBlank() || separator.equals("semicolon") || separator.equals(";")) {
            sep = ';';
        } else if (separator.equals("comma") || separator.equals(",")) {
            sep = ',';
        } else {
            throw ApiException.invalidField("separator", "invalid_enum", "field.export.separator");
        }
        return new Plan(ContactQuery.of(filter), sep);
    }

    public void write(Plan plan, Writer out) {
        ContactQuery cq = plan.query();
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false); // a cursor (fetch size) needs a transaction in PostgreSQL
            try {
                List<String> keys = attributeKeys(c, cq);
                List<String> header = new ArrayList<>(FIXED_COLUMNS);
                header.addAll(keys);
                out.write(Csv.BOM);
                out.write(Csv.row(header, plan.separator()));
                try (PreparedStatement ps = c.prepareStatement("SELECT c.phone_e164, c.country_code, c.first_name,"
                        + " c.last_name, (SELECT string_agg(k.name, '|' ORDER BY lower(k.name)) FROM category_contacts cc"
                        + " JOIN categories k ON k.id = cc.category_id WHERE cc.contact_id = c.id),"
                        + " c.opted_out, c.whatsapp_status, c.attributes::text FROM contacts c WHERE " + cq.jdbcWhere()
                        + " ORDER BY c.created_at DESC, c.id")) {
                    ps.setFetchSize(1000);
                    cq.bind(ps);
                    try (ResultSet rs = ps.executeQuery()) {
                        List<String> cells = new ArrayList<>(header.size());
                        while (rs.next()) {
                            cells.clear();
                            for (int i = 1; i <= 5; i++) {
                                cells.add(rs.getString(i));
                            }
                            cells.add(rs.getBoolean(6) ? "true" : "false");
                            cells.add(rs.getString(7));
                            if (!keys.isEmpty()) {
                                Map<String, Object> attributes = json.readValue(rs.getString(8), MAP);
                                for (String key : keys) {
                                    Object v = attributes.get(key);
                                    cells.add(v == null ? "" : v.toString());
                                }
                            }
                            out.write(Csv.row(cells, plan.separator()));
                        }
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(auto);
            }
            out.flush();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> attributeKeys(Connection c, ContactQuery cq) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT k FROM contacts c,"
                + " jsonb_object_keys(c.attributes) k WHERE c.attributes <> '{}'::jsonb AND " + cq.jdbcWhere()
                + " ORDER BY k LIMIT " + MAX_ATTRIBUTE_COLUMNS)) {
            cq.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String k = rs.getString(1);
                    if (!FIXED_COLUMNS.contains(k)) {
                        keys.add(k);
                    }
                }
            }
        }
        return keys;
    }

    /** The import template: the header the import recognises and two French-friendly example rows. */
    public static String template() {
        char sep = ';';
        StringBuilder sb = new StringBuilder(Csv.BOM);
        sb.append(Csv.row(List.of("phone", "country", "first_name", "last_name", "categories", "ville"), sep));
        sb.append(Csv.row(List.of("06 12 34 56 78", "FR", "Zoé", "Durand", "Clients|Lyon", "Lyon"), sep));
        sb.append(Csv.row(List.of("01 97 00 00 01", "BJ", "Koffi", "Mensah", "Prospects", "Cotonou"), sep));
        return sb.toString();
    }
}
