package app.relais.common.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import redis.embedded.RedisServer;

/**
 * Real PostgreSQL and Redis servers started from Maven artifacts that ship their binaries: the
 * zero-configuration default of {@code start_backend.sh} and the servers of the test suite.
 */
public final class EmbeddedServers {

    public static final String DATABASE = "relais";

    private EmbeddedServers() {
    }

    /**
     * Starts PostgreSQL. With a data directory the data survives restarts (fsync on, the user's data);
     * without one a throw-away cluster is made (fsync off, for tests).
     */
    public static EmbeddedPostgres startPostgres(Path dataDirectory, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(java.time.Duration.ofSeconds(60));
            if (port > 0) {
                builder.setPort(port);
            }
            if (dataDirectory != null) {
                Files.createDirectories(dataDirectory);
                builder.setDataDirectory(dataDirectory.toAbsolutePath())
                        .setCleanDataDirectory(false)
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on");
            }
            builder.setServerConfig("max_connections", "200")
                    // A launch writes 100,000 message rows (≈ 100 MB of WAL) in one transaction: with the default
                    // 4 MB of WAL buffers the backend keeps flushing them itself (≈ 0.2 s of a 3.5 s launch).
                    .setServerConfig("wal_buffers", "32MB");
            EmbeddedPostgres postgres = builder.start();
            createDatabaseIfMissing(postgres, DATABASE);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    public static String jdbcUrl(EmbeddedPostgres postgres, String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    public static void createDatabaseIfMissing(EmbeddedPostgres postgres, String database) {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            st.execute("CREATE DATABASE " + database);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot create database " + database + ": " + e.getMessage(), e);
        }
    }

    /** Starts Redis on the given port (0: a free one). Nothing in Redis is the only copy of anything. */
    public static RedisServer startRedis(int port, Path workDirectory) {
        try {
            int chosen = port > 0 ? port : freePort();
            var builder = RedisServer.newRedisServer()
                    .port(chosen)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("maxmemory-policy noeviction")
                    .onShutdownForceStop(true);
            if (workDirectory != null) {
                Files.createDirectories(workDirectory);
                builder.setting("dir " + workDirectory.toAbsolutePath());
            }
            RedisServer server = builder.build();
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded Redis: " + e.getMessage(), e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
