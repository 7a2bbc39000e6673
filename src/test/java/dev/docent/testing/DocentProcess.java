package dev.docent.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged Docent ({@code target/quarkus-app/quarkus-run.jar}) run as a child process against the test services,
 * the way {@code make run} starts it, so an integration test can kill it with SIGKILL and start it again.
 */
public final class DocentProcess implements AutoCloseable {

    /** How long a start may take until {@code /q/health/ready} answers 200. */
    public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

    private static final String DEFAULT_DB_URL = "jdbc:postgresql://localhost:55433/docent";
    private static final String DEFAULT_REALM_URL = "http://localhost:8181/realms/docent";

    private final Path jar;
    private final Path target;
    private final String logPrefix;
    private final int port;
    private final Map<String, String> env;
    private final List<String> jvmOptions;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private Path log;
    private int starts;

    /**
     * @param logPrefix each start logs to {@code target/<logPrefix>-<n>.log}
     * @param extraEnv environment variables on top of the test services' URLs and a free HTTP port
     */
    public DocentProcess(String logPrefix, Map<String, String> extraEnv) {
        this(logPrefix, appJar(), extraEnv);
    }

    /**
     * @param jar the packaged application's {@code quarkus-run.jar} (a benchmark compares two builds)
     */
    public DocentProcess(String logPrefix, Path jar, Map<String, String> extraEnv) {
        this(logPrefix, jar, extraEnv, List.of());
    }

    /**
     * @param jvmOptions options for the JVM before {@code -jar} (a benchmark measures memory with the recommended ones)
     */
    public DocentProcess(String logPrefix, Path jar, Map<String, String> extraEnv, List<String> jvmOptions) {
        this.jvmOptions = List.copyOf(jvmOptions);
        this.jar = jar.toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package Docent first (./mvnw verify)");
        }
        this.target = jar.getParent().getParent();
        this.logPrefix = logPrefix;
        this.port = freePort();
        this.env = new HashMap<>(extraEnv);
        env.put("DOCENT_HTTP_PORT", Integer.toString(port));
        env.put("DOCENT_DB_URL", dbUrl());
        env.put("DOCENT_OIDC_URL", realmUrl());
        // The packaged app runs in the prod profile: the demo secrets need the demo switch, as under make run.
        env.putIfAbsent("DOCENT_DEMO", "true");
        env.put("DJL_CACHE_DIR", target.resolve("djl-cache").toString());
    }

    private static Path appJar() {
        String jarPath = System.getProperty("docent.app.jar");
        if (jarPath == null) {
            throw new IllegalStateException("System property docent.app.jar is missing: run this test with failsafe");
        }
        return Path.of(jarPath);
    }

    /** The test database's JDBC URL ({@code DOCENT_TEST_DB_URL}, as {@code make test} sets it). */
    public static String dbUrl() {
        return System.getenv().getOrDefault("DOCENT_TEST_DB_URL", DEFAULT_DB_URL);
    }

    /** The test Keycloak realm ({@code DOCENT_TEST_OIDC_URL}, as {@code make test} sets it). */
    public static String realmUrl() {
        return System.getenv().getOrDefault("DOCENT_TEST_OIDC_URL", DEFAULT_REALM_URL);
    }

    /** Starts Docent (again, on the same port) and waits until it is ready. */
    public void start() {
        if (isAlive()) {
            throw new IllegalStateException("Docent is already running (pid " + process.pid() + ")");
        }
        log = target.resolve(logPrefix + "-" + ++starts + ".log");
        // Temp files of a killed process stay behind: keep them in target/, not in the machine's /tmp.
        Path tmp = target.resolve(logPrefix + "-tmp");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dpdfbox.fontcache=" + target, "-Djava.io.tmpdir=" + tmp, "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(target.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady();
    }

    /** Stops Docent as {@code make stop} or {@code docker stop} do: SIGTERM, so its shutdown hooks run. */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException(
                        "Docent (pid " + process.pid() + ") did not stop within 60 s of SIGTERM");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills the JVM with SIGKILL ({@link Process#destroyForcibly()} on Linux): no shutdown hook runs. */
    public void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Docent (pid " + process.pid() + ") survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The operating system's process id of the current (or last) start. */
    public long pid() {
        return process.pid();
    }

    /** The exit code of the last start, once it has ended (137 = 128 + SIGKILL). */
    public int exitValue() {
        return process.exitValue();
    }

    public String url() {
        return "http://localhost:" + port;
    }

    /** The log of the current (or last) start. */
    public Path log() {
        return log;
    }

    /** The last lines of the current log, for failure messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        kill();
    }

    private void awaitReady() {
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "Docent exited with " + process.exitValue() + " while starting; " + log + ":\n" + logTail(40));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        kill();
        throw new IllegalStateException(
                "Docent was not ready within " + STARTUP_TIMEOUT + "; " + log + ":\n" + logTail(40));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
