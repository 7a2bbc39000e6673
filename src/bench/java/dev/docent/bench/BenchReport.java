package dev.docent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The combined report of {@code make bench}: every benchmark writes its section ({@code sections/NAME.json} and
 * {@code .md}) and then rebuilds {@code report.json} and {@code report.md} from all sections present, so the report
 * is whole whichever benchmarks ran and in whatever order.
 */
final class BenchReport {

    /** Section order in report.md. */
    static final List<String> ORDER = List.of(
            "ingestion",
            "peer",
            "retrieval-scale",
            "retrieval-quality",
            "retrieval-sets",
            "chat-latency",
            "monitoring-overhead");
    // then knowledge-gaps, from gaps.md

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchReport() {}

    /** Writes one section and rebuilds the combined report in {@code out}. */
    static void section(Path out, String name, Map<String, Object> data, String markdown) {
        try {
            Path sections = Files.createDirectories(out.resolve("sections"));
            JSON.writeValue(sections.resolve(name + ".json").toFile(), data);
            Files.writeString(sections.resolve(name + ".md"), markdown);
            rebuild(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A section that could not run, with the reason shown in its place. */
    static void skipped(Path out, String name, String title, String reason) {
        section(out, name, Map.of("skipped", reason), "## " + title + "\n\nskipped: " + reason + "\n");
    }

    static void rebuild(Path out) throws IOException {
        Path sections = out.resolve("sections");
        ObjectNode report = JSON.createObjectNode();
        StringBuilder md = new StringBuilder("# Docent benchmark report\n\n")
                .append("Written by `make bench` (sections: ")
                .append(String.join(", ", ORDER))
                .append("). Each figure is a median or percentile over many runs, with min and max; the machine")
                .append(" line of each section says where and under which load it was measured.\n\n");
        try (Stream<Path> files = Files.list(sections)) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - 5))
                    .sorted((a, b) ->
                            Integer.compare(rank(a), rank(b)) != 0 ? Integer.compare(rank(a), rank(b)) : a.compareTo(b))
                    .toList();
            for (String name : names) {
                JsonNode data = JSON.readTree(sections.resolve(name + ".json").toFile());
                report.set(name, data);
                Path text = sections.resolve(name + ".md");
                if (Files.exists(text)) {
                    md.append(Files.readString(text).strip()).append("\n\n");
                }
            }
        }
        // The knowledge-gap evaluation (make bench-gaps) writes its own gaps.md: it joins the report as it is.
        Path gaps = out.resolve("gaps.md");
        if (Files.exists(gaps)) {
            md.append(Files.readString(gaps).replaceAll("(?m)^#", "##").strip()).append("\n\n");
            report.put("knowledge-gaps", "see report.md (from gaps.md)");
        }
        JSON.writeValue(out.resolve("report.json").toFile(), report);
        Files.writeString(out.resolve("report.md"), md);
    }

    private static int rank(String name) {
        int i = ORDER.indexOf(name);
        return i < 0 ? ORDER.size() : i;
    }
}
