package dev.docent.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** docker-compose.yml is valid for Compose (checked without a Docker engine, by {@code docker-compose config}). */
class ComposeFileTest {

    @Test
    void composeFileIsValidAndDeclaresEveryService() throws Exception {
        String services = compose("config", "--services");
        assertEquals(
                List.of("docent", "keycloak", "postgres", "vllm"),
                services.lines().map(String::strip).sorted().toList());
    }

    @Test
    void gpuProfilePointsDocentAtVllm() throws Exception {
        String config = compose("--profile", "gpu", "config");
        assertTrue(config.contains("driver: nvidia"), "vLLM reserves a GPU");
        assertTrue(
                config.contains("DOCENT_LLM_LOCAL_BASE_URL"), "Docent can be pointed at vLLM's OpenAI-compatible API");
        assertTrue(config.contains("DOCENT_LLM_LOCAL_MODEL: Qwen/Qwen2.5-7B-Instruct"), "the model vLLM serves");
    }

    @Test
    void keycloakRunsInProductionModeWithItsAdminPasswordFromTheEnvironment() throws Exception {
        String config = compose("config");
        assertTrue(config.contains("- start\n"), "production mode, not start-dev:\n" + config);
        assertTrue(!config.contains("start-dev"), config);
        assertTrue(config.contains("KC_BOOTSTRAP_ADMIN_PASSWORD: from-the-environment"), config);
        assertTrue(!config.contains("KC_BOOTSTRAP_ADMIN_PASSWORD: admin"), "no admin/admin");

        Result missing = run(Map.of(), "config");
        assertTrue(missing.exit() != 0, "compose refuses to start Keycloak without an admin password");
        assertTrue(missing.output().contains("KEYCLOAK_ADMIN_PASSWORD"), missing.output());
    }

    @Test
    void docentAndKeycloakArePublishedOnLoopbackOnly() throws Exception {
        String config = compose("config");
        assertTrue(config.contains("127.0.0.1:8080:8080"), config);
        assertTrue(config.contains("127.0.0.1:8180:8180"), config);
    }

    private record Result(int exit, String output) {}

    private static String compose(String... args) throws IOException, InterruptedException {
        Result result = run(Map.of("KEYCLOAK_ADMIN_PASSWORD", "from-the-environment"), args);
        assertEquals(0, result.exit(), () -> "docker-compose config failed:\n" + result.output());
        return result.output();
    }

    private static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("docker-compose", "-f", "docker-compose.yml"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true);
        builder.environment().remove("KEYCLOAK_ADMIN_PASSWORD");
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "docker-compose config finished");
        return new Result(process.exitValue(), output);
    }
}
