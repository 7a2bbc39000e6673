package dev.docent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.testing.DocentProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The plain-LangChain4j peer of {@code bench/peer} (a Maven project of its own, so its LangChain4j versions never meet
 * Docent's), built with Docent's Maven wrapper and run as a separate JVM on the test database, one command at a time.
 */
final class PeerProcess {

    static final Path PROJECT = Path.of("bench", "peer");

    private static final Logger LOG = Logger.getLogger(PeerProcess.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_MINUTES = 60;

    /** One peer configuration: its table, IVFFlat lists (0: none, exact search), one reused connection or not. */
    record Variant(String name, String table, int lists, boolean oneConnection) {}

    /** What {@code ingest} printed. */
    record Ingestion(int documents, long chunks, double seconds, double documentsPerSecond, int lists) {}

    /** One line of {@code search}: latency (of which embedding) and the retrieved segments' file names, best first. */
    record Hit(String id, double ms, double embedMs, List<String> documents) {}

    private final Path jar;
    private final Path work;

    private PeerProcess(Path jar, Path work) {
        this.jar = jar;
        this.work = work;
    }

    /** Builds the peer ({@code ./mvnw -f bench/peer/pom.xml package}) and returns a handle on its jar. */
    static PeerProcess build(Path work) {
        run(
                List.of(
                        Path.of("mvnw").toAbsolutePath().toString(),
                        "-B",
                        "-q",
                        "-f",
                        PROJECT.resolve("pom.xml").toString(),
                        "package"),
                work.resolve("peer-build.log"));
        Path jar = PROJECT.resolve("target").resolve("docent-peer.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the peer build wrote no " + jar.toAbsolutePath());
        }
        return new PeerProcess(jar, work);
    }

    /** Ingests every file of {@code folder} into the variant's table, dropped and created again first. */
    Ingestion ingest(Variant variant, Path folder) {
        List<String> lines = command(variant, "ingest", folder.toAbsolutePath().toString());
        try {
            return JSON.readValue(lines.getLast(), Ingestion.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs every query of {@code queries} (JSON lines: id, text) against the variant's table. */
    List<Hit> search(Variant variant, Path queries, int k) {
        List<Hit> hits = new ArrayList<>();
        for (String line : command(variant, "search", queries.toAbsolutePath().toString(), Integer.toString(k))) {
            try {
                JsonNode hit = JSON.readTree(line);
                List<String> documents = new ArrayList<>();
                hit.path("documents").forEach(d -> documents.add(d.asText()));
                hits.add(new Hit(
                        hit.path("id").asText(),
                        hit.path("ms").asDouble(),
                        hit.path("embedMs").asDouble(),
                        documents));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return hits;
    }

    private List<String> command(Variant variant, String... args) {
        Matcher db = Pattern.compile("//([^/:]+):(\\d+)/([^?]+)").matcher(DocentProcess.dbUrl());
        if (!db.find()) {
            throw new IllegalStateException("cannot read host, port and database from " + DocentProcess.dbUrl());
        }
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-Dpeer.host=" + db.group(1),
                "-Dpeer.port=" + db.group(2),
                "-Dpeer.database=" + db.group(3),
                "-Dpeer.user=" + System.getenv().getOrDefault("DOCENT_DB_USER", "docent"),
                "-Dpeer.password=" + System.getenv().getOrDefault("DOCENT_DB_PASSWORD", "docent"),
                "-Dpeer.table=" + variant.table(),
                "-Dpeer.lists=" + variant.lists(),
                "-Dpeer.oneConnection=" + variant.oneConnection(),
                "-jar",
                jar.toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        Path out = work.resolve("peer-" + variant.name().replaceAll("[^A-Za-z0-9]+", "-") + "-" + args[0] + ".out");
        run(cmd, out);
        try {
            return Files.readAllLines(out).stream()
                    .filter(l -> l.startsWith("{"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(List<String> cmd, Path out) {
        try {
            Files.createDirectories(out.getParent());
            ProcessBuilder builder = new ProcessBuilder(cmd)
                    .redirectOutput(out.toFile())
                    .redirectError(
                            out.resolveSibling(out.getFileName() + ".err").toFile());
            builder.environment()
                    .put(
                            "DJL_CACHE_DIR",
                            Path.of("target", "djl-cache").toAbsolutePath().toString());
            LOG.infof("peer: %s", String.join(" ", cmd.subList(Math.max(0, cmd.size() - 3), cmd.size())));
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("the peer did not finish in " + TIMEOUT_MINUTES + " minutes: " + out);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("the peer failed (exit " + process.exitValue() + "): "
                        + Files.readString(out.resolveSibling(out.getFileName() + ".err")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
