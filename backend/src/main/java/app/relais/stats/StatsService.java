package app.relais.stats;

import app.relais.common.db.Jdbc;
import app.relais.common.api.PageRequest;
import app.relais.common.api.PageResponse;
import app.relais.common.error.ApiException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Read side of the statistics. Time-ranged counts come from the folded aggregates plus the deltas
 * not folded yet (V6__stats.sql), never from a scan of the messages table.
 */
@ApplicationScoped
public class StatsService {

    public static final Set<String> PERIODS = Set.of("today", "7d", "30d", "90d");
    public static final Set<Integer> SERIES_DAYS = Set.of(7, 30, 90);

    /**
     * Hourly aggregate + unfolded deltas, one row per source row (hour, sent, delivered, read, failed,
     * replied) with hour in [?, ?): the callers sum them in SQL and read one row (overview) or one
     * row per day (series) instead of up to 2,160 hourly rows.
     */
    private static final String HOURLY_ROWS = """
            SELECT hour, sent, delivered, read, failed, replied FROM stats_hourly WHERE hour >= ? AND hour < ?
            UNION ALL
            SELECT date_trunc('hour', minute AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', sent, delivered, read, failed, replied
            FROM stats_deltas WHERE minute >= ? AND minute < ?
            """;

    /** Overview in one round trip: the period's milestones, today's sent and the sizes. */
    private static final String OVERVIEW = """
            SELECT coalesce(sum(sent), 0), coalesce(sum(delivered), 0), coalesce(sum(read), 0), coalesce(sum(failed), 0),
                   coalesce(sum(replied), 0), coalesce(sum(sent) FILTER (WHERE hour >= ?), 0),
                   stats_row_count('contacts'), stats_row_count('categories'), stats_row_count('campaigns'),
                   (SELECT count(*) FROM campaigns WHERE status IN ('scheduled', 'sending', 'paused'))
            FROM (%s) x
            """.formatted(HOURLY_ROWS);

    /** Milestones per day: ? is the array of the days' starts (n + 1 instants, zone-aware). */
    private static final String DAILY = """
            SELECT width_bucket(hour, ?::timestamptz[]) AS day, sum(sent), sum(delivered), sum(read), sum(failed), sum(replied)
            FROM (%s) x GROUP BY 1
            """.formatted(HOURLY_ROWS);

    /**
     * Current counts per kind, status and error code: folded counts + unfolded deltas (one scan of
     * the deltas: a status change is a -1 on its old status and a +1 on its new one). The filter
     * (%1$s) applies to both.
     */
    private static final String STATUS_COUNTS = """
            SELECT kind, status, error_code, sum(c) FROM (
                SELECT kind, status, error_code, count AS c FROM stats_status_counts WHERE %1$s
                UNION ALL
                SELECT d.kind, s.status, coalesce(d.error_code, 0), s.c FROM stats_deltas d
                CROSS JOIN LATERAL (VALUES (d.new_status, d.weight), (d.old_status, -d.weight)) AS s(status, c)
                WHERE s.status IS NOT NULL AND (d.new_status IS NOT NULL OR d.old_status IS NOT NULL) AND %1$s
            ) x GROUP BY kind, status, error_code
            """;
    private static final String STATUS_COUNTS_ALL = STATUS_COUNTS.formatted("true");
    /** One campaign: a range of the aggregate's primary key (campaign_id leads it). */
    private static final String STATUS_COUNTS_CAMPAIGN = STATUS_COUNTS.formatted("campaign_id = ?");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    StatsConfig config;

    @Inject
    app.relais.common.config.PricingConfig pricing;

    public ZoneId zone() {
        return config.timeZone();
    }

    private static void bindRange(PreparedStatement ps, int first, Instant from, Instant to) throws SQLException {
        OffsetDateTime f = from.atOffset(ZoneOffset.UTC);
        OffsetDateTime t = to.atOffset(ZoneOffset.UTC);
        ps.setObject(first, f);
        ps.setObject(first + 1, t);
        ps.setObject(first + 2, f);
        ps.setObject(first + 3, t);
    }

    public OverviewResponse overview(String period, Instant now) {
        if (period == null) {
            period = "7d";
        }
        if (!PERIODS.contains(period)) {
            throw ApiException.invalidField("period", "invalid_enum", "today, 7d, 30d, 90d");
        }
        ZoneId zone = zone();
        LocalDate today = now.atZone(zone).toLocalDate();
        int days = "today".equals(period) ? 1 : Integer.parseInt(period.substring(0, period.length() - 1));
        Instant startOfToday = today.atStartOfDay(zone).toInstant();
        Instant from = today.minusDays(days - 1L).atStartOfDay(zone).toInstant();
        Instant end = now.plusSeconds(3600);
        Counts[] totals = new Counts[1];
        long[] sentToday = new long[1];
        // contacts, categories, campaigns, active campaigns
        long[] sizes = new long[4];
        Jdbc.query(dataSource, OVERVIEW, ps -> {
            ps.setObject(1, startOfToday.atOffset(ZoneOffset.UTC));
            bindRange(ps, 2, from, end);
        }, rs -> {
            totals[0] = new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
            sentToday[0] = rs.getLong(6);
            for (int i = 0; i < 4; i++) {
                sizes[i] = rs.getLong(7 + i);
            }
        });
        BigDecimal price = pricing.pricePerMessage();
        Counts c = totals[0];
        return new OverviewResponse(period, from.atZone(zone).toOffsetDateTime(), now.atZone(zone).toOffsetDateTime(),
                zone.getId(), sentToday[0], c.sent(), c.delivered(), c.read(), c.replied(), c.failed(), c.attempted(),
                Rates.deliveryRate(c.delivered(), c.sent(), c.failed()), Rates.readRate(c.read(), c.delivered()),
                Rates.replyRate(c.replied(), c.delivered()), Rates.failureRate(c.failed(), c.sent()),
                sizes[0], sizes[1], sizes[2], sizes[3],
                new OverviewResponse.Cost(price.multiply(BigDecimal.valueOf(c.sent())), pricing.currency(), price));
    }

    public DailySeriesResponse daily(Integer days, Instant now) {
        int n = days == null ? 7 : days;
        if (!SERIES_DAYS.contains(n)) {
            throw ApiException.invalidField("days", "invalid_enum", "7, 30, 90");
        }
        ZoneId zone = zone();
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate first = today.minusDays(n - 1L);
        Map<LocalDate, Counts> byDay = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            byDay.put(first.plusDays(i), Counts.ZERO);
        }
        Instant from = first.atStartOfDay(zone).toInstant();
        Instant to = today.plusDays(1).atStartOfDay(zone).toInstant();
        OffsetDateTime[] starts = new OffsetDateTime[n + 1];
        for (int i = 0; i <= n; i++) {
            starts[i] = first.plusDays(i).atStartOfDay(zone).toInstant().atOffset(ZoneOffset.UTC);
        }
        Jdbc.query(dataSource, DAILY, ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("timestamptz", starts));
            bindRange(ps, 2, from, to);
        }, rs -> {
            int day = rs.getInt(1);
            if (day >= 1 && day <= n) {
                byDay.put(first.plusDays(day - 1L), new Counts(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6)));
            }
        });
        List<DailyPoint> points = new ArrayList<>(n);
        byDay.forEach((d, c) -> points.add(new DailyPoint(d, c.sent(), c.delivered(), c.read(), c.replied(), c.failed())));
        return new DailySeriesResponse(n, zone.getId(), points);
    }

    /** Current number of messages per kind and status, for one campaign or (null) all messages. */
    public Map<String, Map<String, Long>> statusCounts(UUID campaignId) {
        return statusCounts(campaignId, new HashMap<>());
    }

    /** Same, also filling failed/undelivered campaign messages per error code (0: none). */
    private Map<String, Map<String, Long>> statusCounts(UUID campaignId, Map<Integer, Long> failuresByCode) {
        Map<String, Map<String, Long>> result = new HashMap<>();
        Jdbc.query(dataSource, campaignId == null ? STATUS_COUNTS_ALL : STATUS_COUNTS_CAMPAIGN, ps -> {
            if (campaignId != null) {
                ps.setObject(1, campaignId);
                ps.setObject(2, campaignId);
            }
        }, rs -> {
            long count = rs.getLong(4);
            if (count != 0) {
                String kind = rs.getString(1);
                String status = rs.getString(2);
                result.computeIfAbsent(kind, k -> new HashMap<>()).merge(status, count, Long::sum);
                if (("failed".equals(status) || "undelivered".equals(status))
                        && ("message_1".equals(kind) || "message_2".equals(kind))) {
                    failuresByCode.merge(rs.getInt(3), count, Long::sum);
                }
            }
        });
        return result;
    }

    /** Outbound messages by current status (all kinds except inbound replies), largest first. */
    public List<StatusCount> statusDistribution(UUID campaignId) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (String s : List.of("queued", "sending", "sent", "delivered", "read", "failed", "undelivered")) {
            byStatus.put(s, 0L);
        }
        statusCounts(campaignId).forEach((kind, counts) -> {
            if (!"reply".equals(kind)) {
                counts.forEach((status, n) -> byStatus.merge(status, n, Long::sum));
            }
        });
        return byStatus.entrySet().stream().map(e -> new StatusCount(e.getKey(), e.getValue())).toList();
    }

    public List<RecentMessageResponse> recentMessages(Integer limit) {
        int n = limit == null ? 10 : limit;
        if (n < 1 || n > 100) {
            throw ApiException.invalidField("limit", "range", "1 ≤ limit ≤ 100");
        }
        List<RecentMessageResponse> items = new ArrayList<>();
        Jdbc.query(dataSource, """
                SELECT m.id, m.campaign_id, c.name, m.contact_id, k.phone_e164, btrim(k.first_name || ' ' || k.last_name),
                       m.kind, m.direction, m.status, left(m.body, 120), m.error_code, m.created_at, m.updated_at
                FROM (SELECT * FROM messages ORDER BY created_at DESC LIMIT ?) m
                JOIN contacts k ON k.id = m.contact_id
                LEFT JOIN campaigns c ON c.id = m.campaign_id
                ORDER BY m.created_at DESC
                """, ps -> ps.setInt(1, n), rs -> items.add(new RecentMessageResponse(rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class), rs.getString(3), rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), (Integer) rs.getObject(11),
                rs.getObject(12, OffsetDateTime.class), rs.getObject(13, OffsetDateTime.class))));
        return items;
    }

    public CampaignStatsResponse campaignStats(UUID campaignId, Locale locale) {
        String[] campaign = new String[2];
        long[] replied = new long[1];
        // Repliers: an index-only scan of messages_campaign_replies_idx (V12), not the campaign's rows.
        Jdbc.query(dataSource, """
                SELECT name, status,
                       (SELECT count(DISTINCT contact_id) FROM messages WHERE campaign_id = c.id AND status = 'received')
                FROM campaigns c WHERE id = ?
                """, ps -> ps.setObject(1, campaignId), rs -> {
            campaign[0] = rs.getString(1);
            campaign[1] = rs.getString(2);
            replied[0] = rs.getLong(3);
        });
        if (campaign[0] == null) {
            throw ApiException.notFound("Campaign", campaignId);
        }
        Map<Integer, Long> byCode = new HashMap<>();
        Map<String, Map<String, Long>> counts = statusCounts(campaignId, byCode);
        Map<String, Long> m1 = counts.getOrDefault("message_1", Map.of());
        Map<String, Long> m2 = counts.getOrDefault("message_2", Map.of());
        long recipients = m1.values().stream().mapToLong(Long::longValue).sum();
        long pending = get(m1, "queued") + get(m1, "sending");
        long read = get(m1, "read");
        long delivered = get(m1, "delivered") + read;
        long sent = get(m1, "sent") + delivered;
        long failed = get(m1, "failed") + get(m1, "undelivered");
        long m2Read = get(m2, "read");
        long m2Sent = get(m2, "sent") + get(m2, "delivered") + m2Read;
        List<CampaignStatsResponse.FailureByCode> failures = new ArrayList<>();
        byCode.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted((a, b) -> b.getValue().equals(a.getValue()) ? Integer.compare(a.getKey(), b.getKey())
                        : Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> {
                    Integer code = e.getKey() == 0 ? null : e.getKey();
                    failures.add(new CampaignStatsResponse.FailureByCode(code, e.getValue(), ErrorExplanations.explain(code, locale)));
                });
        List<CampaignStatsResponse.FunnelStage> funnel = List.of(
                new CampaignStatsResponse.FunnelStage("recipients", recipients),
                new CampaignStatsResponse.FunnelStage("sent", sent),
                new CampaignStatsResponse.FunnelStage("delivered", delivered),
                new CampaignStatsResponse.FunnelStage("read", read),
                new CampaignStatsResponse.FunnelStage("replied", replied[0]),
                new CampaignStatsResponse.FunnelStage("message2Sent", m2Sent),
                new CampaignStatsResponse.FunnelStage("message2Read", m2Read));
        return new CampaignStatsResponse(campaignId, campaign[0], campaign[1], recipients, pending,
                Rates.ratio(recipients - pending, recipients), sent, delivered, read, failed, replied[0], m2Sent, m2Read,
                Rates.deliveryRate(delivered, sent, failed), Rates.readRate(read, delivered),
                Rates.replyRate(replied[0], delivered), Rates.failureRate(failed, sent), funnel, failures);
    }

    public List<TimelinePoint> timeline(UUID campaignId, String granularity) {
        String unit = granularity == null ? "hour" : granularity;
        if (!unit.equals("minute") && !unit.equals("hour")) {
            throw ApiException.invalidField("granularity", "invalid_enum", "minute, hour");
        }
        requireCampaign(campaignId);
        List<TimelinePoint> points = new ArrayList<>();
        Jdbc.query(dataSource, """
                SELECT date_trunc('%1$s', ts AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS bucket,
                       count(*) FILTER (WHERE NOT failed), count(*) FILTER (WHERE failed)
                FROM (SELECT coalesce(sent_at, delivered_at, read_at, failed_at, queued_at) AS ts,
                             status IN ('failed', 'undelivered') AS failed
                      FROM messages WHERE campaign_id = ? AND kind IN ('message_1', 'message_2')
                        AND status IN ('sent', 'delivered', 'read', 'failed', 'undelivered')) x
                GROUP BY 1 ORDER BY 1
                """.formatted(unit), ps -> ps.setObject(1, campaignId), rs -> points.add(new TimelinePoint(
                rs.getObject(1, OffsetDateTime.class), rs.getLong(2), rs.getLong(3))));
        return points;
    }

    private void requireCampaign(UUID campaignId) {
        boolean[] found = new boolean[1];
        Jdbc.query(dataSource, "SELECT 1 FROM campaigns WHERE id = ?", ps -> ps.setObject(1, campaignId), rs -> found[0] = true);
        if (!found[0]) {
            throw ApiException.notFound("Campaign", campaignId);
        }
    }

    /** Sort keys of the recipients table, mapped to SQL once. */
    private static final Map<String, String> RECIPIENT_SORTS = Map.of(
            "phone", "k.phone_e164", "name", "k.last_name, k.first_name", "status", "m.status",
            "queuedAt", "m.queued_at", "sentAt", "m.sent_at", "deliveredAt", "m.delivered_at", "readAt", "m.read_at",
            "errorCode", "m.error_code");
    private static final Set<String> STATUSES = Set.of("queued", "sending", "sent", "delivered", "read", "failed", "undelivered");

    public record RecipientFilter(String status, String kind, String q, String sort) {
    }

    private record RecipientQuery(String where, List<Object> params, String orderBy) {
    }

    private RecipientQuery recipientQuery(UUID campaignId, RecipientFilter f) {
        StringBuilder where = new StringBuilder("m.campaign_id = ? AND m.kind IN ('message_1', 'message_2')");
        List<Object> params = new ArrayList<>();
        params.add(campaignId);
        if (f.status() != null && !f.status().isBlank()) {
            if (!STATUSES.contains(f.status())) {
                throw ApiException.invalidField("status", "invalid_enum", String.join(", ", STATUSES));
            }
            where.append(" AND m.status = ?");
            params.add(f.status());
        }
        if (f.kind() != null && !f.kind().isBlank()) {
            if (!f.kind().equals("message_1") && !f.kind().equals("message_2")) {
                throw ApiException.invalidField("kind", "invalid_enum", "message_1, message_2");
            }
            where.append(" AND m.kind = ?");
            params.add(f.kind());
        }
        if (f.q() != null && !f.q().isBlank()) {
            String like = "%" + f.q().trim().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%";
            where.append(" AND (k.phone_e164 LIKE ? OR lower(k.first_name || ' ' || k.last_name) LIKE ?)");
            params.add(like);
            params.add(like);
        }
        String sort = f.sort() == null || f.sort().isBlank() ? "queuedAt" : f.sort();
        boolean desc = sort.startsWith("-");
        String key = desc ? sort.substring(1) : sort;
        String column = RECIPIENT_SORTS.get(key);
        if (column == null) {
            throw ApiException.invalidField("sort", "invalid_enum", String.join(", ", RECIPIENT_SORTS.keySet()));
        }
        String dir = desc ? " DESC NULLS LAST" : " ASC NULLS LAST";
        String orderBy = String.join(dir + ", ", column.split(", ")) + dir + ", m.id";
        return new RecipientQuery(where.toString(), params, orderBy);
    }

    private static final String RECIPIENT_COLUMNS = """
            SELECT m.id, m.contact_id, k.phone_e164, k.first_name, k.last_name, m.kind, m.status, m.error_code, m.attempts,
                   m.queued_at, m.sent_at, m.delivered_at, m.read_at, m.failed_at
            FROM messages m JOIN contacts k ON k.id = m.contact_id
            """;

    private static RecipientResponse recipient(ResultSet rs, Locale locale) throws SQLException {
        Integer code = (Integer) rs.getObject(8);
        String status = rs.getString(7);
        boolean failed = "failed".equals(status) || "undelivered".equals(status);
        return new RecipientResponse(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), status, code,
                failed ? ErrorExplanations.explain(code, locale) : null, rs.getInt(9),
                rs.getObject(10, OffsetDateTime.class), rs.getObject(11, OffsetDateTime.class),
                rs.getObject(12, OffsetDateTime.class), rs.getObject(13, OffsetDateTime.class),
                rs.getObject(14, OffsetDateTime.class));
    }

    public PageResponse<RecipientResponse> recipients(UUID campaignId, RecipientFilter filter, PageRequest page,
            Locale locale) {
        requireCampaign(campaignId);
        RecipientQuery rq = recipientQuery(campaignId, filter);
        long[] total = new long[1];
        Jdbc.query(dataSource, "SELECT count(*) FROM messages m JOIN contacts k ON k.id = m.contact_id WHERE " + rq.where(),
                ps -> bind(ps, rq.params()), rs -> total[0] = rs.getLong(1));
        List<RecipientResponse> items = new ArrayList<>();
        Jdbc.query(dataSource, RECIPIENT_COLUMNS + " WHERE " + rq.where() + " ORDER BY " + rq.orderBy() + " LIMIT ? OFFSET ?", ps -> {
            bind(ps, rq.params());
            ps.setInt(rq.params().size() + 1, page.size());
            ps.setInt(rq.params().size() + 2, page.offset());
        }, rs -> items.add(recipient(rs, locale)));
        return new PageResponse<>(items, page.page(), page.size(), total[0]);
    }

    /** Checks the filter before the response starts, so that errors are still Problem Details. */
    public void validateRecipients(UUID campaignId, RecipientFilter filter) {
        requireCampaign(campaignId);
        recipientQuery(campaignId, filter);
    }

    /** Writes every matching row as CSV, reading with a cursor (constant memory). */
    public void writeRecipientsCsv(UUID campaignId, RecipientFilter filter, Locale locale, Writer out) {
        RecipientQuery rq = recipientQuery(campaignId, filter);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(RECIPIENT_COLUMNS + " WHERE " + rq.where() + " ORDER BY "
                    + rq.orderBy())) {
                ps.setFetchSize(1000);
                bind(ps, rq.params());
                out.write(Csv.row(List.of("phone", "first_name", "last_name", "kind", "status", "error_code",
                        "error_explanation", "attempts", "queued_at", "sent_at", "delivered_at", "read_at", "failed_at")));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        RecipientResponse r = recipient(rs, locale);
                        out.write(Csv.row(java.util.Arrays.asList(r.phone(), r.firstName(), r.lastName(), r.kind(),
                                r.status(), r.errorCode() == null ? "" : r.errorCode().toString(),
                                r.errorExplanation(), Integer.toString(r.attempts()), str(r.queuedAt()), str(r.sentAt()),
                                str(r.deliveredAt()), str(r.readAt()), str(r.failedAt()))));
                    }
                }
            } finally {
                c.rollback();
            }
            out.flush();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String str(OffsetDateTime t) {
        return t == null ? "" : t.toString();
    }

    private static long get(Map<String, Long> m, String key) {
        return m.getOrDefault(key, 0L);
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }
}
