package app.relais.contacts.imports;

import app.relais.common.db.SqlTimes;
import app.relais.common.api.PageRequest;
import app.relais.common.api.PageResponse;
import app.relais.common.audit.AuditService;
import app.relais.common.error.ApiException;
import app.relais.common.error.FieldError;
import app.relais.contacts.PhoneNumbers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

/**
 * CSV import of contacts. The upload is checked in full before anything is written (encoding, binary
 * content, quotes, column count, mapping); the job then streams the file in chunks, each chunk one
 * transaction: COPY into a session temp table, one set-based upsert on phone_e164, categories and
 * memberships set-based, the report rows and the job counters — so the job row always says exactly
 * what is stored, up to which line.
 */
@ApplicationScoped
public class ImportService {

    @Inject
    jakarta.enterprise.event.Event<ImportProgressed> progressed;

    private static final Logger LOG = Logger.getLogger(ImportService.class);
    static final int PREVIEW_ROWS = 20;

    @Inject
    DataSource dataSource;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    PhoneNumbers phoneNumbers;

    @Inject
    AuditService audit;

    @Inject
    app.relais.monitoring.InstanceHeartbeat heartbeat;

    @ConfigProperty(name = "relais.contacts.import.max-upload-size", defaultValue = "50M")
    MemorySize maxUploadSize;

    @ConfigProperty(name = "relais.contacts.import.max-columns", defaultValue = "1000")
    int maxColumns;

    @ConfigProperty(name = "relais.contacts.import.max-field-chars", defaultValue = "100000")
    int maxFieldChars;

    @ConfigProperty(name = "relais.contacts.import.chunk-size", defaultValue = "5000")
    int chunkSize;

    @ConfigProperty(name = "relais.contacts.import.max-report-rows", defaultValue = "100000")
    int maxReportRows;

    @ConfigProperty(name = "relais.contacts.import.workers", defaultValue = "2")
    int workers;

    /**
     * Database writers per import job, each its own connection; 0: two where the machine has more than two
     * cores, else one. On 2 cores two writers took as long as one (47.8 s against 47.3 s for 1,000,000 rows)
     * and cost PostgreSQL 13 CPU-seconds more: they contend for the same index pages (time-ordered ids,
     * the trigram index's pending list) and share the cores with the parser (docs/benchmarks/contacts.md).
     */
    @ConfigProperty(name = "relais.contacts.import.writers", defaultValue = "0")
    int importWriters;

    int writerCount() {
        return importWriters > 0 ? importWriters : Runtime.getRuntime().availableProcessors() > 2 ? 2 : 1;
    }

    @ConfigProperty(name = "relais.contacts.import.directory", defaultValue = "${java.io.tmpdir}/relais-imports")
    String directory;

    private ExecutorService executor;
    private ExecutorService writers;

    @PostConstruct
    void start() {
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(Math.max(1, workers), r -> {
            Thread t = new Thread(r, "contact-import-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        writers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "contact-import-writer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
        writers.shutdownNow();
    }

    public long maxUploadBytes() {
        return maxUploadSize.asLongValue();
    }

    /** A checked upload: its format, header and column fields. */
    public record Inspected(Path file, String fileName, long size, CsvFormat format, List<String> headers,
            List<ImportField> fields, List<String> attributeKeys, int dataRows, String defaultCountry) {
    }

    // ---------------------------------------------------------------------------------------------
    // Checks shared by preview and import

    /** Reads the whole file once (encoding, binary bytes, quotes, columns) and resolves the mapping. */
    public Inspected inspect(Path file, String fileName, long size, ImportOptions options) {
        if (size > maxUploadBytes()) {
            throw tooLarge();
        }
        if (size == 0) {
            throw new ApiException(422, "import-empty");
        }
        String country = options.defaultCountry() == null || options.defaultCountry().isBlank()
                ? phoneNumbers.defaultCountry() : options.defaultCountry().strip().toUpperCase(Locale.ROOT);
        List<FieldError> errors = new ArrayList<>();
        if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(country)) {
            errors.add(new FieldError("defaultCountry", "invalid_value", null));
        }
        if (options.duplicates() != null && !options.duplicates().isBlank()
                && !List.of(ImportOptions.MERGE, ImportOptions.SKIP).contains(options.duplicates().strip().toLowerCase(Locale.ROOT))) {
            errors.add(new FieldError("duplicates", "invalid_value", null));
        }
        Map<String, ImportField> overrides = new LinkedHashMap<>();
        if (options.mapping() != null) {
            options.mapping().forEach((header, field) -> {
                ImportField f = ImportField.of(field);
                if (f == null) {
                    errors.add(new FieldError("mapping." + header, "invalid_value", null));
                } else {
                    overrides.put(header == null ? "" : header.strip(), f);
                }
            });
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        CsvFormat format;
        try {
            format = CsvFormat.detect(file);
        } catch (CsvFormat.BinaryFileException e) {
            throw new ApiException(422, "import-binary", List.of(), Map.of("line", e.line()), null, e.line());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> headers = null;
        int rows = 0;
        try (CsvReader r = new CsvReader(format.open(file), format.separator(), maxColumns, maxFieldChars)) {
            List<String> cells;
            while ((cells = r.next()) != null) {
                if (ImportRow.blank(cells)) {
                    continue;
                }
                if (headers == null) {
                    headers = cells.stream().map(String::strip).toList();
                } else {
                    rows++;
                }
            }
        } catch (CsvReader.CsvException e) {
            throw new ApiException(422, "import-malformed", List.of(),
                    Map.of("reason", e.code(), "line", e.line()), null, e.line(), reasonText(Locale.FRENCH, e.code()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (headers == null) {
            throw new ApiException(422, "import-empty");
        }
        for (String h : overrides.keySet()) {
            if (!headers.contains(h)) {
                errors.add(new FieldError("mapping." + h, "unknown_column", null));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        List<ImportField> fields = ImportField.resolve(headers, overrides);
        if (!fields.contains(ImportField.PHONE)) {
            throw new ApiException(422, "import-no-phone-column", List.of(), Map.of("headers", headers), null);
        }
        List<String> keys = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (String h : headers) {
            String k = ImportField.attributeKey(h);
            String unique = k;
            for (int i = 2; !used.add(unique); i++) {
                unique = k + "_" + i;
            }
            keys.add(unique);
        }
        if (options.targetCategoryId() != null) {
            Number found = (Number) em.createNativeQuery("SELECT count(*) FROM categories WHERE id = ?1")
                    .setParameter(1, options.targetCategoryId()).getSingleResult();
            if (found.intValue() == 0) {
                throw ApiException.notFound("Category", options.targetCategoryId());
            }
        }
        return new Inspected(file, fileName == null ? "" : fileName, size, format, headers, fields, keys, rows, country);
    }

    ApiException tooLarge() {
        return new ApiException(413, "import-too-large", maxUploadBytes() / (1024 * 1024));
    }

    static String reasonText(Locale locale, String code) {
        return ImportMessages.reason(locale, code);
    }

    // ---------------------------------------------------------------------------------------------
    // Preview

    @Schema(name = "ImportPreviewRow")
    public record PreviewRow(int line, @Schema(enumeration = { "ok", "repaired", "duplicate", "invalid" }) String status, String rawPhone, @Schema(nullable = true) String phone, @Schema(nullable = true) String country,
            @Schema(nullable = true) String firstName, @Schema(nullable = true) String lastName, List<String> categories, Map<String, String> attributes,
            @Schema(nullable = true) String reason, @Schema(nullable = true) String message, boolean existing) {
    }

    @Schema(name = "ImportColumn")
    public record Column(int index, String header, String field, String attributeKey) {
    }

    @Schema(name = "ImportPreview")
    public record Preview(String fileName, long fileSize, String encoding, String separator, List<String> headers,
            Map<String, String> suggestedMapping, List<Column> columns, int totalRows, List<PreviewRow> rows) {
    }

    public Preview preview(Inspected in, Locale locale) {
        List<ImportRow> rows = new ArrayList<>();
        try (CsvReader r = new CsvReader(in.format().open(in.file()), in.format().separator(), maxColumns,
                maxFieldChars)) {
            boolean header = true;
            List<String> cells;
            while (rows.size() < PREVIEW_ROWS && (cells = r.next()) != null) {
                if (ImportRow.blank(cells)) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                rows.add(ImportRow.read(cells, r.recordLine(), in.fields(), in.attributeKeys(), in.defaultCountry()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> numbers = rows.stream().filter(ImportRow::ok).map(x -> x.e164).distinct().toList();
        Set<String> existing = new HashSet<>();
        if (!numbers.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<String> found = em.createNativeQuery("SELECT phone_e164 FROM contacts WHERE phone_e164 = ANY(cast(?1 as text[]))")
                    .setParameter(1, numbers.toArray(new String[0])).getResultList();
            existing.addAll(found);
        }
        Set<String> seen = new HashSet<>();
        List<PreviewRow> out = new ArrayList<>();
        for (ImportRow x : rows) {
            String status;
            String reason = null;
            if (!x.ok()) {
                status = "invalid";
                reason = x.reason;
            } else if (!seen.add(x.e164)) {
                status = "duplicate";
                reason = "duplicate_in_file";
            } else if (x.repaired) {
                status = "repaired";
                reason = "repaired";
            } else {
                status = "ok";
            }
            String message = reason == null ? null
                    : "repaired".equals(reason) ? ImportMessages.repaired(locale, x.rawPhone, x.e164) : reasonText(locale, reason);
            out.add(new PreviewRow(x.line, status, x.rawPhone, x.e164, x.country, x.firstName, x.lastName,
                    x.categoryList(), x.attributes, reason, message, x.ok() && existing.contains(x.e164)));
        }
        Map<String, String> suggested = new LinkedHashMap<>();
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < in.headers().size(); i++) {
            ImportField f = in.fields().get(i);
            suggested.putIfAbsent(in.headers().get(i), f.key());
            columns.add(new Column(i, in.headers().get(i), f.key(),
                    f == ImportField.ATTRIBUTE ? in.attributeKeys().get(i) : null));
        }
        return new Preview(in.fileName(), in.size(), in.format().encodingName(), in.format().separatorName(),
                in.headers(), suggested, columns, in.dataRows(), out);
    }

    // ---------------------------------------------------------------------------------------------
    // Jobs

    /** Creates the job row (committed before the job starts) and its audit entry. */
    @Transactional
    public UUID createJob(Inspected in, ImportOptions options, UUID userId) {
        String optionsJson;
        try {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("mapping", in.fields().isEmpty() ? Map.of() : mappingOf(in));
            o.put("defaultCountry", in.defaultCountry());
            o.put("duplicates", options.merge() ? ImportOptions.MERGE : ImportOptions.SKIP);
            o.put("targetCategoryId", options.targetCategoryId());
            o.put("dryRun", options.isDryRun());
            optionsJson = json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            optionsJson = "{}";
        }
        UUID id = (UUID) em.createNativeQuery("INSERT INTO contact_imports (created_by, file_name, file_size, encoding,"
                + " separator, dry_run, options, instance_name) VALUES (?1, ?2, ?3, ?4, ?5, ?6, cast(?7 as jsonb), ?8) RETURNING id")
                .setParameter(1, userId).setParameter(2, in.fileName()).setParameter(3, in.size())
                .setParameter(4, in.format().encodingName()).setParameter(5, in.format().separatorName())
                .setParameter(6, options.isDryRun()).setParameter(7, optionsJson)
                .setParameter(8, heartbeat.instanceName()).getSingleResult();
        audit.record("contact.import", "contact_import", id, Map.of("file", in.fileName(), "rows", in.dataRows(),
                "dryRun", options.isDryRun()));
        return id;
    }

    private static Map<String, String> mappingOf(Inspected in) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < in.headers().size(); i++) {
            m.putIfAbsent(in.headers().get(i), in.fields().get(i).key());
        }
        return m;
    }

    /** Moves the upload out of the request's reach and runs the job in the background. */
    public void start(UUID jobId, Inspected in, ImportOptions options) {
        Path own;
        try {
            Path dir = Path.of(directory);
            Files.createDirectories(dir);
            own = dir.resolve(jobId + ".csv");
            try {
                Files.move(in.file(), own, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                Files.copy(in.file(), own, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            fail(jobId, "storage", 0, e);
            return;
        }
        Inspected moved = new Inspected(own, in.fileName(), in.size(), in.format(), in.headers(), in.fields(),
                in.attributeKeys(), in.dataRows(), in.defaultCountry());
        try {
            executor.submit(() -> run(jobId, moved, options));
        } catch (RejectedExecutionException e) {
            fail(jobId, "shutdown", 0, e);
            deleteQuietly(own);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a temp file left behind
        }
    }

    /** The counters of one chunk, added to the job row in the chunk's transaction. */
    static final class Counts {
        int rowsRead;
        int created;
        int updated;
        int skipped;
        int failed;
        int repaired;
    }

    /**
     * One part of a chunk for one writer: the chunk's rows whose number hashes to that writer (and a share
     * of the invalid rows). Every writer gets its part of every chunk, empty or not, so that progress is
     * known per chunk.
     */
    private record Part(int chunk, List<ImportRow> rows) {
    }

    private static final Part END = new Part(-1, List.of());

    private final class Job {
        final UUID id;
        final ImportOptions options;
        /** Per writer: the last chunk whose part it committed (-1: none yet). */
        final AtomicInteger[] committedChunk;
        /** The last line of each chunk handed out, by chunk number. */
        final Map<Integer, Integer> chunkLastLine = new ConcurrentHashMap<>();
        final AtomicInteger reportRows = new AtomicInteger();
        final AtomicLong dbNanos = new AtomicLong();

        Job(UUID id, ImportOptions options, int writers) {
            this.id = id;
            this.options = options;
            this.committedChunk = new AtomicInteger[writers];
            for (int i = 0; i < writers; i++) {
                committedChunk[i] = new AtomicInteger(-1);
            }
        }

        /** The last line of the file up to which every writer has committed (0: none). */
        int committedLine(int writer, int chunk) {
            int min = chunk;
            for (int i = 0; i < committedChunk.length; i++) {
                if (i != writer) {
                    min = Math.min(min, committedChunk[i].get());
                }
            }
            return min < 0 ? 0 : chunkLastLine.getOrDefault(min, 0);
        }

        int committedLine() {
            return committedLine(-1, Integer.MAX_VALUE);
        }
    }

    /** Which writer takes a row: by its number, so that one number is only ever written by one writer. */
    static int writerOf(ImportRow row, int writers) {
        String key = row.ok() ? row.e164 : Integer.toString(row.line);
        return (key.hashCode() & Integer.MAX_VALUE) % writers;
    }

    void run(UUID jobId, Inspected in, ImportOptions options) {
        int writerCount = writerCount();
        Job job = new Job(jobId, options, writerCount);
        List<Connection> writerConnections = new ArrayList<>();
        // The lock is held by this connection's session while the job runs: if the instance dies it goes
        // with the session, and ImportJanitor marks the job failed instead of leaving it "running".
        try (Connection conn = dataSource.getConnection(); ImportJanitor.Held held = ImportJanitor.lock(conn, jobId)) {
            conn.setAutoCommit(false);
            try (PreparedStatement st = conn.prepareStatement("UPDATE contact_imports SET status = 'running',"
                    + " started_at = now() WHERE id = ? AND status = 'queued'")) {
                st.setObject(1, jobId);
                if (st.executeUpdate() == 0) {
                    // Ended while it waited (deleted, or judged orphaned): never run a job twice.
                    conn.commit();
                    LOG.warnf("Contact import %s is no longer queued: not started", jobId);
                    return;
                }
            }
            conn.commit();
            progressed(jobId);
            // Writers: each its own connection and session temp tables, each the rows whose number hashes
            // to it. PostgreSQL spends most of an import's CPU on the contacts' indexes; two writers use both
            // cores while this thread parses. A number is written by one writer only: two writers never wait
            // on each other's uncommitted contact.
            for (int i = 0; i < writerCount; i++) {
                Connection wc = dataSource.getConnection();
                writerConnections.add(wc);
                wc.setAutoCommit(false);
                try (var st = wc.createStatement()) {
                    st.execute("CREATE TEMP TABLE IF NOT EXISTS import_stage (line int, phone_e164 text, country_code text,"
                            + " first_name text, last_name text, attributes jsonb, notes text, categories text)"
                            + " ON COMMIT DELETE ROWS");
                    st.execute("CREATE TEMP TABLE IF NOT EXISTS import_done (id uuid, phone_e164 text, inserted boolean)"
                            + " ON COMMIT DELETE ROWS");
                    if (options.isDryRun()) {
                        // A dry run writes no contact: the numbers it has counted so far are kept here, so a
                        // number met again in a later chunk counts as updated or skipped, as in a real run.
                        // A number always goes to the same writer, so one table per writer sees them all.
                        st.execute("CREATE TEMP TABLE IF NOT EXISTS import_seen (phone_e164 text PRIMARY KEY)");
                        st.execute("TRUNCATE import_seen");
                    }
                }
                wc.commit();
            }
            List<BlockingQueue<Part>> queues = new ArrayList<>();
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < writerCount; i++) {
                BlockingQueue<Part> queue = new ArrayBlockingQueue<>(2);
                queues.add(queue);
                int writer = i;
                Connection wc = writerConnections.get(i);
                futures.add(writers.submit(() -> {
                    while (true) {
                        Part part = queue.take();
                        if (part == END) {
                            return null;
                        }
                        flushWithRetry(job, wc, writer, part);
                        job.committedChunk[writer].set(part.chunk());
                    }
                }));
            }
            long t0 = System.nanoTime();
            try (CsvReader r = new CsvReader(in.format().open(in.file()), in.format().separator(), maxColumns,
                    maxFieldChars)) {
                boolean header = true;
                List<String> cells;
                List<ImportRow> chunk = new ArrayList<>(chunkSize);
                int chunkNumber = 0;
                while ((cells = r.next()) != null) {
                    if (ImportRow.blank(cells)) {
                        continue;
                    }
                    if (header) {
                        header = false;
                        continue;
                    }
                    chunk.add(ImportRow.read(cells, r.recordLine(), in.fields(), in.attributeKeys(),
                            in.defaultCountry()));
                    if (chunk.size() >= chunkSize) {
                        handOut(job, queues, futures, chunkNumber++, chunk);
                        chunk = new ArrayList<>(chunkSize);
                    }
                }
                if (!chunk.isEmpty()) {
                    handOut(job, queues, futures, chunkNumber, chunk);
                }
                for (int i = 0; i < writerCount; i++) {
                    hand(queues.get(i), END, futures.get(i));
                }
            } catch (Exception e) {
                futures.forEach(f -> f.cancel(true));
                throw e;
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    futures.forEach(x -> x.cancel(true));
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
            LOG.infof("Contact import %s: %d ms in all, %d ms of database time summed over %d writer(s)", jobId,
                    (System.nanoTime() - t0) / 1_000_000, job.dbNanos.get() / 1_000_000, writerCount);
            // Two writers committing the last chunk at once each see the other one chunk behind.
            try (PreparedStatement st = conn.prepareStatement("UPDATE contact_imports SET status = 'completed',"
                    + " last_line = GREATEST(last_line, ?), finished_at = now() WHERE id = ?")) {
                st.setInt(1, job.committedLine());
                st.setObject(2, jobId);
                st.executeUpdate();
            }
            conn.commit();
            progressed(jobId);
            LOG.infof("Contact import %s completed", jobId);
        } catch (Exception e) {
            fail(jobId, e instanceof CsvReader.CsvException csv ? csv.code() : "database", job.committedLine(), e);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            for (Connection wc : writerConnections) {
                try {
                    wc.rollback();
                    if (options.isDryRun()) {
                        // The pool keeps the session: leave no numbers behind in it.
                        try (var st = wc.createStatement()) {
                            st.execute("DROP TABLE IF EXISTS import_seen");
                        }
                        wc.commit();
                    }
                    wc.close();
                } catch (SQLException e) {
                    // the pool discards a broken connection
                }
            }
            deleteQuietly(in.file());
        }
    }

    /** Splits a parsed chunk between the writers (every writer gets its part, maybe empty). */
    private static void handOut(Job job, List<BlockingQueue<Part>> queues, List<Future<?>> futures, int number,
            List<ImportRow> chunk) throws Exception {
        int n = queues.size();
        job.chunkLastLine.put(number, chunk.get(chunk.size() - 1).line);
        List<List<ImportRow>> parts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            parts.add(new ArrayList<>(chunk.size() / n + 16));
        }
        for (ImportRow row : chunk) {
            parts.get(n == 1 ? 0 : writerOf(row, n)).add(row);
        }
        for (int i = 0; i < n; i++) {
            hand(queues.get(i), new Part(number, parts.get(i)), futures.get(i));
        }
    }

    /** Hands a part to its writer, unless the writer has stopped (its failure ends the job). */
    private static void hand(BlockingQueue<Part> queue, Part part, Future<?> writer) throws Exception {
        while (!queue.offer(part, 200, TimeUnit.MILLISECONDS)) {
            if (writer.isDone()) {
                try {
                    writer.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
                throw new IllegalStateException("import writer stopped");
            }
        }
    }

    /**
     * Two writers adding memberships to the same categories can deadlock in rare orders (the target
     * category also named in the file's category column): PostgreSQL then cancels one transaction, which
     * is rolled back whole and written again.
     */
    private void flushWithRetry(Job job, Connection conn, int writer, Part part) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                flush(job, conn, writer, part);
                return;
            } catch (SQLException e) {
                if (!"40P01".equals(e.getSQLState()) || attempt >= 3) {
                    throw e;
                }
                LOG.infof("Contact import %s: chunk %d written again after a deadlock", job.id, part.chunk());
            }
        }
    }

    /** Writes one part in its own transaction, with the job's counters and progress. */
    private void flush(Job job, Connection conn, int writer, Part part) throws SQLException, IOException {
        Counts c = new Counts();
        boolean merge = job.options.merge();
        LinkedHashMap<String, ImportRow> unique = new LinkedHashMap<>();
        List<ImportRow> report = new ArrayList<>();
        boolean anyCategory = false;
        for (ImportRow row : part.rows()) {
            c.rowsRead++;
            if (!row.ok()) {
                c.failed++;
                report.add(row);
                continue;
            }
            if (row.repaired) {
                c.repaired++;
                report.add(row);
            }
            anyCategory |= !row.categories.isEmpty();
            ImportRow first = unique.get(row.e164);
            if (first == null) {
                unique.put(row.e164, row);
            } else if (merge) {
                first.absorb(row);
                c.updated++;
            } else {
                c.skipped++;
            }
        }
        long t0 = System.nanoTime();
        int reserved = 0;
        try {
            // The part's commit does not wait for its WAL to reach the disk: a crash may lose the last parts
            // committed, never part of one, and the job row (last_line, counts) is in the same transaction, so the
            // job says exactly which lines are in. It saves one disk flush per part.
            try (var st = conn.createStatement()) {
                st.execute("SET LOCAL synchronous_commit = off");
            }
            if (!unique.isEmpty()) {
                if (job.options.isDryRun()) {
                    dryRunCounts(conn, unique, merge, c);
                } else {
                    upsert(job, conn, unique, merge, anyCategory, c);
                }
            }
            reserved = writeReport(job, conn, report);
            // last_line: the end of the last chunk every writer has committed, this part counted in (the other
            // writers' progress is read after their commits, so it is never ahead of what is stored).
            try (PreparedStatement st = conn.prepareStatement("UPDATE contact_imports SET rows_read = rows_read + ?,"
                    + " created = created + ?, updated = updated + ?, skipped = skipped + ?, failed = failed + ?,"
                    + " repaired = repaired + ?, last_line = GREATEST(last_line, ?) WHERE id = ?")) {
                st.setInt(1, c.rowsRead);
                st.setInt(2, c.created);
                st.setInt(3, c.updated);
                st.setInt(4, c.skipped);
                st.setInt(5, c.failed);
                st.setInt(6, c.repaired);
                st.setInt(7, job.committedLine(writer, part.chunk()));
                st.setObject(8, job.id);
                st.executeUpdate();
            }
            conn.commit();
            job.dbNanos.addAndGet(System.nanoTime() - t0);
            progressed(job.id);
        } catch (SQLException | IOException | RuntimeException e) {
            job.reportRows.addAndGet(-reserved);
            conn.rollback();
            throw e;
        }
    }

    private void dryRunCounts(Connection conn, Map<String, ImportRow> unique, boolean merge, Counts c)
            throws SQLException {
        int existing;
        java.sql.Array numbers = conn.createArrayOf("text", unique.keySet().toArray());
        // Stored already, or met earlier in this file (an earlier chunk of the same dry run).
        try (PreparedStatement st = conn.prepareStatement("SELECT count(*) FROM unnest(?::text[]) AS n(phone)"
                + " WHERE EXISTS (SELECT 1 FROM contacts WHERE phone_e164 = n.phone)"
                + " OR EXISTS (SELECT 1 FROM import_seen WHERE phone_e164 = n.phone)")) {
            st.setArray(1, numbers);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                existing = rs.getInt(1);
            }
        }
        try (PreparedStatement st = conn.prepareStatement(
                "INSERT INTO import_seen SELECT unnest(?::text[]) ON CONFLICT DO NOTHING")) {
            st.setArray(1, numbers);
            st.executeUpdate();
        }
        c.created += unique.size() - existing;
        if (merge) {
            c.updated += existing;
        } else {
            c.skipped += existing;
        }
    }

    private void upsert(Job job, Connection conn, Map<String, ImportRow> unique, boolean merge, boolean anyCategory,
            Counts c) throws SQLException, IOException {
        StringBuilder copy = new StringBuilder(unique.size() * 96);
        for (ImportRow row : unique.values()) {
            copy.append(row.line).append('\t');
            copyText(copy, row.e164).append('\t');
            if (row.country == null) {
                copy.append("\\N");
            } else {
                copyText(copy, row.country);
            }
            copy.append('\t');
            copyText(copy, row.firstName).append('\t');
            copyText(copy, row.lastName).append('\t');
            copyText(copy, json.writeValueAsString(row.attributes)).append('\t');
            copyText(copy, row.notes).append('\t');
            if (row.categories.isEmpty()) {
                copy.append("\\N");
            } else {
                copyText(copy, String.join("\u001F", row.categories));
            }
            copy.append('\n');
        }
        try (Reader r = new StringReader(copy.toString())) {
            conn.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY import_stage FROM STDIN", r);
        }
        String conflict = merge
                ? " ON CONFLICT (phone_e164) DO UPDATE SET"
                        + " first_name = CASE WHEN EXCLUDED.first_name <> '' THEN EXCLUDED.first_name ELSE c.first_name END,"
                        + " last_name = CASE WHEN EXCLUDED.last_name <> '' THEN EXCLUDED.last_name ELSE c.last_name END,"
                        + " country_code = COALESCE(EXCLUDED.country_code, c.country_code),"
                        + " attributes = c.attributes || EXCLUDED.attributes,"
                        + " notes = CASE WHEN EXCLUDED.notes <> '' THEN EXCLUDED.notes ELSE c.notes END,"
                        + " updated_at = now()"
                : " ON CONFLICT (phone_e164) DO NOTHING";
        // The upserted contacts go to import_done only when memberships are to be written from them;
        // otherwise the statement just counts them (5,000 fewer temp-table rows a chunk).
        boolean memberships = anyCategory || job.options.targetCategoryId() != null;
        String upsert = "WITH up AS (INSERT INTO contacts AS c (phone_e164, country_code, first_name, last_name,"
                + " attributes, notes) SELECT phone_e164, country_code, first_name, last_name, attributes, notes"
                + " FROM import_stage" + conflict + " RETURNING c.id, c.phone_e164, (c.xmax = 0) AS inserted)";
        String counts = "SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM ";
        try (var st = conn.createStatement()) {
            if (memberships) {
                st.executeUpdate(upsert + " INSERT INTO import_done SELECT id, phone_e164, inserted FROM up");
            }
            try (ResultSet rs = st.executeQuery(memberships ? counts + "import_done" : upsert + " " + counts + "up")) {
                rs.next();
                int inserted = rs.getInt(1);
                int updated = rs.getInt(2);
                c.created += inserted;
                c.updated += updated;
                c.skipped += unique.size() - inserted - updated;
            }
            if (anyCategory) {
                st.executeUpdate("INSERT INTO categories (name) SELECT DISTINCT ON (lower(n)) n FROM ("
                        + " SELECT btrim(unnest(string_to_array(s.categories, E'\\x1F'))) AS n FROM import_stage s"
                        + " JOIN import_done d ON d.phone_e164 = s.phone_e164 WHERE s.categories IS NOT NULL) x"
                        + " WHERE n <> '' ORDER BY lower(n), n ON CONFLICT (lower(name)) DO NOTHING");
                // The contacts were upserted by this transaction and stay locked by it: the memberships take their
                // search and creation time here rather than by one trigger lookup each (V13).
                st.executeUpdate("INSERT INTO category_contacts (category_id, contact_id, search, contact_created_at)"
                        + " SELECT DISTINCT cat.id, d.id, c.search, c.created_at"
                        + " FROM import_stage s JOIN import_done d ON d.phone_e164 = s.phone_e164"
                        + " JOIN contacts c ON c.id = d.id"
                        + " CROSS JOIN LATERAL unnest(string_to_array(s.categories, E'\\x1F')) AS n"
                        + " JOIN categories cat ON lower(cat.name) = lower(btrim(n))"
                        + " WHERE s.categories IS NOT NULL ON CONFLICT DO NOTHING");
            }
        }
        if (job.options.targetCategoryId() != null) {
            try (PreparedStatement st = conn.prepareStatement("INSERT INTO category_contacts (category_id, contact_id,"
                    + " search, contact_created_at) SELECT ?, d.id, c.search, c.created_at FROM import_done d"
                    + " JOIN contacts c ON c.id = d.id ON CONFLICT DO NOTHING")) {
                st.setObject(1, job.options.targetCategoryId());
                st.executeUpdate();
            }
        }
        try (var st = conn.createStatement()) {
            // ON COMMIT DELETE ROWS empties them too; truncating now keeps a failed chunk's retry clean.
            st.execute("TRUNCATE import_stage, import_done");
        }
    }

    /** Writes the report rows of a part (up to max-report-rows for the job); returns how many it took. */
    private int writeReport(Job job, Connection conn, List<ImportRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        int taken = Math.max(0, Math.min(rows.size(), maxReportRows - job.reportRows.getAndAdd(rows.size())));
        job.reportRows.addAndGet(taken - rows.size());
        if (taken == 0) {
            return 0;
        }
        try (PreparedStatement st = conn.prepareStatement("INSERT INTO contact_import_rows (import_id, line, kind,"
                + " raw_phone, phone_e164, reason) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (ImportRow row : rows.subList(0, taken)) {
                st.setObject(1, job.id);
                st.setInt(2, row.line);
                st.setString(3, row.ok() ? "repaired" : "failed");
                st.setString(4, row.rawPhone);
                st.setString(5, row.e164);
                st.setString(6, row.ok() ? "repaired" : row.reason);
                st.addBatch();
            }
            st.executeBatch();
        }
        return taken;
    }

    /** COPY text format: backslash, tab, newline and carriage return are escaped. */
    static StringBuilder copyText(StringBuilder b, String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(ch);
            }
        }
        return b;
    }

    private void fail(UUID jobId, String code, int committedLine, Exception e) {
        LOG.errorf(e, "Contact import %s failed (%s) after line %d", jobId, code, committedLine);
        String message = ImportMessages.failure(code, committedLine);
        try (Connection conn = dataSource.getConnection();
                PreparedStatement st = conn.prepareStatement("UPDATE contact_imports SET status = 'failed',"
                        + " finished_at = now(), error_message = ? WHERE id = ?")) {
            st.setString(1, message);
            st.setObject(2, jobId);
            st.executeUpdate();
        } catch (SQLException ex) {
            LOG.errorf(ex, "Could not mark contact import %s failed", jobId);
        }
        progressed(jobId);
    }

    /** Tells the live-event stream that the job's row moved; a listener's failure never fails the import. */
    private void progressed(UUID jobId) {
        try {
            progressed.fire(new ImportProgressed(jobId));
        } catch (RuntimeException e) {
            LOG.debugf("Import progress not signalled: %s", e.getMessage());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Reading jobs

    @Schema(name = "ImportJobCounts")
    public record JobCounts(int rowsRead, int created, int updated, int skipped, int failed, int repaired) {
    }

    @Schema(name = "ImportJob")
    public record JobResponse(UUID id, String fileName, long fileSize, @Schema(enumeration = { "queued", "running", "completed", "failed" }) String status, boolean dryRun, @Schema(nullable = true) String encoding,
            @Schema(nullable = true) String separator, JobCounts counts, int lastLine, @Schema(nullable = true) String errorMessage, Object options, UUID createdBy,
            OffsetDateTime createdAt, @Schema(nullable = true) OffsetDateTime startedAt, @Schema(nullable = true) OffsetDateTime finishedAt) {
    }

    private static final String JOB_COLUMNS = "id, file_name, file_size, status, dry_run, encoding, separator,"
            + " rows_read, created, updated, skipped, failed, repaired, last_line, error_message, options::text,"
            + " created_by, created_at, started_at, finished_at";

    public JobResponse job(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT " + JOB_COLUMNS + " FROM contact_imports WHERE id = ?1")
                .setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            throw ApiException.notFound("Import", id);
        }
        return toJob(rows.get(0));
    }

    public PageResponse<JobResponse> jobs(PageRequest page) {
        long total = ((Number) em.createNativeQuery("SELECT count(*) FROM contact_imports").getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT " + JOB_COLUMNS + " FROM contact_imports"
                + " ORDER BY created_at DESC, id LIMIT ?1 OFFSET ?2").setParameter(1, page.size())
                .setParameter(2, page.offset()).getResultList();
        return new PageResponse<>(rows.stream().map(this::toJob).toList(), page.page(), page.size(), total);
    }

    private JobResponse toJob(Object[] r) {
        Object options;
        try {
            options = json.readValue((String) r[15], Map.class);
        } catch (JsonProcessingException e) {
            options = Map.of();
        }
        return new JobResponse((UUID) r[0], (String) r[1], ((Number) r[2]).longValue(), (String) r[3], (Boolean) r[4],
                (String) r[5], (String) r[6], new JobCounts(i(r[7]), i(r[8]), i(r[9]), i(r[10]), i(r[11]), i(r[12])),
                i(r[13]), (String) r[14], options, (UUID) r[16], SqlTimes.toOffset(r[17]), SqlTimes.toOffset(r[18]), SqlTimes.toOffset(r[19]));
    }

    private static int i(Object o) {
        return ((Number) o).intValue();
    }

    /** Streams the report of a job as a French, formula-safe CSV (; separated, UTF-8 with BOM). */
    public void writeErrorsCsv(UUID id, java.io.Writer out) throws IOException {
        job(id);
        out.write('\uFEFF');
        out.write("ligne;telephone;statut;motif\r\n");
        try (Connection conn = dataSource.getConnection()) {
            conn.setAutoCommit(false);
            try (PreparedStatement st = conn.prepareStatement("SELECT line, kind, raw_phone, phone_e164, reason"
                    + " FROM contact_import_rows WHERE import_id = ? ORDER BY line, kind")) {
                st.setFetchSize(1000);
                st.setObject(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        String kind = rs.getString(2);
                        String raw = rs.getString(3);
                        boolean repaired = "repaired".equals(kind);
                        String reason = repaired ? ImportMessages.repaired(Locale.FRENCH, raw, rs.getString(4))
                                : reasonText(Locale.FRENCH, rs.getString(5));
                        out.write(rs.getInt(1) + ";" + ReportCsv.cell(raw) + ";"
                                + (repaired ? "réparé" : "échec") + ";" + ReportCsv.cell(reason) + "\r\n");
                    }
                }
            }
            conn.commit();
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }
}
