package dev.docent.system;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docent's connection to PostgreSQL with {@code sslmode=verify-full} (README, docs/privacy.md): against the test
 * cluster, which db/postgres.sh starts with TLS and a certificate for localhost signed by a CA of its own, a client
 * trusting that CA connects encrypted; one trusting another CA is refused, saying why.
 */
class DatabaseTlsTest {

    static final String URL = env("DOCENT_TEST_DB_URL", "jdbc:postgresql://localhost:55433/docent");

    /** The CA db/postgres.sh made for the test cluster. */
    static final Path ROOT = Path.of(env("DOCENT_TEST_DB_ROOT_CERT", ".local/test/pgtls/root.crt"));

    @Test
    void verifyFullAgainstTheClustersCaConnectsOverTls() throws SQLException {
        assertTrue(
                Files.isReadable(ROOT),
                ROOT.toAbsolutePath() + " is missing: db/postgres.sh start test makes it (a cluster started before"
                        + " TLS was added needs 'db/postgres.sh stop test' and a start)");
        try (Connection c = DriverManager.getConnection(URL, tls(ROOT));
                ResultSet row = c.createStatement()
                        .executeQuery("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            assertTrue(row.next());
            assertTrue(row.getBoolean("ssl"), "the connection is encrypted");
            assertTrue(row.getString("version").startsWith("TLSv1."), row.getString("version"));
        }
    }

    @Test
    void verifyFullAgainstAnotherCaIsRefusedWithAClearMessage(@TempDir Path dir)
            throws IOException, InterruptedException {
        Path other = dir.resolve("other-ca.pem");
        Process openssl = new ProcessBuilder(
                        "openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-days",
                        "1",
                        "-subj",
                        "/CN=Some other CA",
                        "-keyout",
                        dir.resolve("other-ca.key").toString(),
                        "-out",
                        other.toString())
                .redirectErrorStream(true)
                .start();
        assertTrue(openssl.waitFor(60, TimeUnit.SECONDS) && openssl.exitValue() == 0, "openssl made a CA");

        SQLException refused = assertThrows(
                SQLException.class,
                () -> DriverManager.getConnection(URL, tls(other)).close());

        String message = messages(refused);
        assertTrue(message.contains("SSL error"), message);
        assertTrue(message.contains("PKIX path") || message.contains("certification path"), message);
    }

    private static Properties tls(Path root) {
        Properties p = new Properties();
        p.setProperty("user", env("DOCENT_DB_USER", "docent"));
        p.setProperty("password", env("DOCENT_DB_PASSWORD", "docent"));
        p.setProperty("sslmode", "verify-full");
        p.setProperty("sslrootcert", root.toString());
        return p;
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" | ");
        }
        return all.toString();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
