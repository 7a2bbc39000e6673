package dev.docent.bench;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Docent configured with a local OpenAI-compatible provider that is the benchmarks' {@link StubLlmServer}, started
 * before the application. {@code -Dbench.provider=extractive} leaves the provider unset (extractive mode) instead.
 * Uploads up to 50 MB (the test profile refuses over 2 MB; benchmark folders hold real, larger documents). Every
 * benchmark uses this one profile, so {@code make bench} starts the application once.
 */
public class StubProviderProfile implements QuarkusTestProfile {

    static final StubLlmServer STUB = start();

    private static StubLlmServer start() {
        try {
            return new StubLlmServer(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Which provider the benchmarks asked for: {@code stub} (default) or {@code extractive}. */
    static String provider() {
        return System.getProperty("bench.provider", "stub");
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        if (provider().equals("extractive")) {
            return Map.of("docent.ingestion.max-upload-size", "50M");
        }
        return Map.of(
                "docent.llm.local.base-url",
                STUB.baseUrl(),
                "docent.llm.local.model",
                "stub",
                "docent.ingestion.max-upload-size",
                "50M");
    }
}
