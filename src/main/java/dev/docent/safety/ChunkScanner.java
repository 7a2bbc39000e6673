package dev.docent.safety;

import dev.docent.safety.SafetyConfig.Mode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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

    /** Characters of a long hidden run looked for at each end (a chunk boundary may cut it). */
    static final int HIDDEN_EDGE = 60;

    private final SafetyConfig config;
    private final SafetyRepository repository;
    private final PlantedTasks planted;

    ChunkScanner(SafetyConfig config, SafetyRepository repository, PlantedTasks planted) {
        this.config = Objects.requireNonNull(config, "config");
        this.repository = Objects.requireNonNull(repository, "repository");
        this.planted = Objects.requireNonNull(planted, "planted");
    }

    /** Scans the chunks; finds nothing when the chunk guard is off. */
    public Scan scan(List<Piece> pieces) {
        return scan(pieces, List.of());
    }

    /**
     * Scans the chunks of a document whose parser found text hidden from readers ({@code hidden}, each with how it
     * was hidden): a chunk carrying such text is flagged for it first, whatever it says.
     */
    public Scan scan(List<Piece> pieces, List<Map.Entry<String, String>> hidden) {
        Map<Integer, Finding> flagged = new LinkedHashMap<>();
        Map<Integer, String> excerpts = new LinkedHashMap<>();
        if (config.chunks() == Mode.OFF) {
            return new Scan(flagged, excerpts);
        }
        for (Piece p : pieces) {
            hiddenIn(p.text(), hidden).or(() -> check(p.text())).ifPresent(f -> {
                flagged.put(p.ordinal(), f);
                excerpts.put(p.ordinal(), p.text());
            });
        }
        return new Scan(flagged, excerpts);
    }

    /** What the scan finds in one chunk's text: the rules first, then similarity to planted requests. */
    public Optional<Finding> check(String text) {
        return ChunkRules.check(text).or(() -> planted.check(text));
    }

    private static Optional<Finding> hiddenIn(String text, List<Map.Entry<String, String>> hidden) {
        if (hidden.isEmpty()) {
            return Optional.empty();
        }
        String chunk = collapse(text);
        for (Map.Entry<String, String> run : hidden) {
            String h = collapse(run.getKey());
            boolean carried = h.length() <= 2 * HIDDEN_EDGE
                    ? chunk.contains(h)
                    : chunk.contains(h.substring(0, HIDDEN_EDGE))
                            || chunk.contains(h.substring(h.length() - HIDDEN_EDGE));
            if (carried) {
                return Optional.of(new Finding(SafetyCause.HIDDEN_TEXT, run.getValue() + ": " + run.getKey()));
            }
        }
        return Optional.empty();
    }

    private static String collapse(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    /** Stores a scan's flags in place of the document's old ones; call it in the transaction that writes the chunks. */
    public void save(UUID documentId, Scan scan) {
        repository.replaceFlags(documentId, scan.flagged(), scan.excerpts());
    }
}
