package dev.docent.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
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

    private static String compose(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("docker-compose", "-f", "docker-compose.yml"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "docker-compose config finished");
        assertEquals(0, process.exitValue(), () -> "docker-compose config failed:\n" + output);
        return output;
    }
}
