package dev.docent.safety;

import dev.docent.safety.SafetyConfig.Mode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Scans a document's chunks at ingestion for text written for a model rather than a reader ({@link ChunkRules}) and
 * stores what it finds with the chunks, so answering keeps those chunks out of prompts (or marks them) and admins see
 * them with the reason. Ingestion passes plain texts, so this package never depends on the ingestion types.
 */
@ApplicationScoped
public class ChunkScanner {

    /** A chunk as the scanner sees it: its place in the document and the text a prompt would carry. */
    public record Piece(int ordinal, String text) {}

    /** What the scan found, by chunk ordinal. */
    public record Scan(Map<Integer, Finding> flagged, Map<Integer, String> excerpts) {

        /** For the parse report: how many chunks were flagged, and for what. */
        public Map<String, Object> summary() {
            Map<String, Integer> byCause = new TreeMap<>();
            flagged.values().forEach(f -> byCause.merge(f.cause().code(), 1, Integer::sum));
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("flagged", flagged.size());
            s.put("causes", byCause);
            s.put("chunks", flagged.keySet().stream().sorted().toList());
            return s;
        }
    }

    private final SafetyConfig config;
    private final SafetyRepository repository;

    ChunkScanner(SafetyConfig config, SafetyRepository repository) {
        this.config = Objects.requireNonNull(config, "config");
        this.repository = Objects.requireNonNull(repository, "repository");
    }

    /** Scans the chunks; finds nothing when the chunk guard is off. */
    public Scan scan(List<Piece> pieces) {
        Map<Integer, Finding> flagged = new LinkedHashMap<>();
        Map<Integer, String> excerpts = new LinkedHashMap<>();
        if (config.chunks() == Mode.OFF) {
            return new Scan(flagged, excerpts);
        }
        for (Piece p : pieces) {
            ChunkRules.check(p.text()).ifPresent(f -> {
                flagged.put(p.ordinal(), f);
                excerpts.put(p.ordinal(), p.text());
            });
        }
        return new Scan(flagged, excerpts);
    }

    /** Stores a scan's flags in place of the document's old ones; call it in the transaction that writes the chunks. */
    public void save(UUID documentId, Scan scan) {
        repository.replaceFlags(documentId, scan.flagged(), scan.excerpts());
    }
}
