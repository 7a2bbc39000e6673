package dev.docent.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real streaming replica of the test cluster for the application under test: {@code db/postgres.sh replica start
 * test} copies the running test cluster with {@code pg_basebackup -R} into a hot standby on its own port
 * ({@code DOCENT_TEST_REPLICA_PG_PORT}, default 55435) before the application starts, and deletes it afterwards. The
 * application reads there through {@code DOCENT_DB_READ_URL}'s property.
 */
public class StreamingReplica implements QuarkusTestResourceLifecycleManager {

    public static final int PORT =
            Integer.parseInt(System.getenv().getOrDefault("DOCENT_TEST_REPLICA_PG_PORT", "55435"));
    public static final String URL = "jdbc:postgresql://localhost:" + PORT + "/docent";

    @Override
    public Map<String, String> start() {
        script("start");
        return Map.of("quarkus.datasource.\"read\".jdbc.url", URL);
    }

    @Override
    public void stop() {
        script("stop");
    }

    /** Stops applying WAL: from now on the replica lags the primary for as long as the test needs. */
    public static void pauseReplay() {
        script("pause");
    }

    public static void resumeReplay() {
        script("resume");
    }

    /** Stops the replica (and deletes it), as a crashed replica server would leave the application. */
    public static void kill() {
        script("stop");
    }

    /** A connection to the replica as the application's role. */
    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, "docent", "docent");
    }

    /** The replica server's log (errors it refused, e.g. writes in a read-only transaction). */
    public static String log() throws IOException {
        String local = System.getenv()
                .getOrDefault("DOCENT_LOCAL", Path.of(".local").toAbsolutePath().toString());
        Path log = Path.of(local, "test", "logs", "postgres-replica.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    private static void script(String action) {
        try {
            Process process = new ProcessBuilder("db/postgres.sh", "replica", action, "test")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("db/postgres.sh replica " + action + " test failed:\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run db/postgres.sh replica " + action, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: db/postgres.sh replica " + action, e);
        }
    }
}
