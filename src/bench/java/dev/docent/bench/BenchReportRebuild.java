package dev.docent.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Renders the report's sections again from their JSON (after a change to how they are written), without measuring
 * anything: {@code scripts/docent.sh bench BenchReportRebuild}.
 */
@Tag("bench")
class BenchReportRebuild {

    @Test
    @SuppressWarnings("unchecked")
    void rendersEverySectionFromItsJson() throws IOException {
        Path out = Path.of("target", "bench");
        Path sections = out.resolve("sections");
        ObjectMapper json = new ObjectMapper();
        int rendered = 0;
        for (String name : new String[] {"retrieval-scale", "retrieval-quality", "chat-latency"}) {
            Path file = sections.resolve(name + ".json");
            if (!Files.exists(file)) {
                continue;
            }
            Map<String, Object> data = json.readValue(file.toFile(), Map.class);
            if (data.containsKey("skipped")) {
                continue;
            }
            String markdown = switch (name) {
                case "retrieval-scale" -> ScaleReport.markdown(data, out);
                case "retrieval-quality" -> QualityReport.markdown(data);
                default -> ChatReport.markdown(data, out);
            };
            Files.writeString(sections.resolve(name + ".md"), markdown);
            rendered++;
        }
        BenchReport.rebuild(out);
        assertTrue(rendered > 0, "no section to render in " + sections);
    }
}
