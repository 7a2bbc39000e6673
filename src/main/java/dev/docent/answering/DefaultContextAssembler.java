package dev.docent.answering;

import dev.docent.retrieval.ChunkRepository;
import dev.docent.retrieval.ChunkRepository.Place;
import dev.docent.retrieval.Passage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns retrieved chunks into the passages an answer is made from: neighbouring chunks of the same section (adjacent
 * in their document, same page and headings) are merged into one passage, in document order and without the overlap
 * the chunker repeats between them, so a model sees a paragraph whole instead of two numbered halves. Also tells
 * whether any of them comes from a local-only collection.
 */
@ApplicationScoped
public class DefaultContextAssembler implements ContextAssembler {

    private final ChunkRepository chunks;
    private final Confidence confidence;
    private final AnswerConfig config;

    DefaultContextAssembler(ChunkRepository chunks, Confidence confidence, AnswerConfig config) {
        this.chunks = Objects.requireNonNull(chunks, "chunks");
        this.confidence = Objects.requireNonNull(confidence, "confidence");
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * The first {@code docent.answer.passages} passages after merging {@code all} (best first), leaving out those
     * {@link Confidence} finds too weak: a weak match is noise for the answer, costs tokens, and must not decide that
     * a question is about a local-only collection (or carry its text anywhere).
     */
    @Override
    public Context assemble(List<Passage> all) {
        List<Passage> retrieved = confidence.usable(all);
        if (retrieved.isEmpty()) {
            return Context.empty();
        }
        int limit = config.passages();
        Map<Long, Place> places =
                chunks.places(retrieved.stream().map(Passage::chunkId).toList());
        List<List<Passage>> groups = new ArrayList<>();
        List<List<Integer>> ordinals = new ArrayList<>();
        for (Passage p : retrieved) {
            Place place = places.get(p.chunkId());
            int joined = -1;
            for (int g = 0; g < groups.size() && place != null; g++) {
                Passage head = groups.get(g).getFirst();
                Place headPlace = places.get(head.chunkId());
                if (headPlace != null
                        && sameSection(head, p, headPlace, place)
                        && adjacent(ordinals.get(g), place.ordinal())) {
                    joined = g;
                    break;
                }
            }
            if (joined >= 0) {
                groups.get(joined).add(p);
                ordinals.get(joined).add(place.ordinal());
            } else if (groups.size() < limit) {
                groups.add(new ArrayList<>(List.of(p)));
                ordinals.add(new ArrayList<>(List.of(place == null ? Integer.MIN_VALUE : place.ordinal())));
            }
        }
        List<Passage> merged = new ArrayList<>();
        boolean localOnly = false;
        for (int g = 0; g < groups.size(); g++) {
            merged.add(merge(groups.get(g), ordinals.get(g)));
            for (Passage p : groups.get(g)) {
                Place place = places.get(p.chunkId());
                // A chunk gone since retrieval (deleted, re-indexed) counts as local-only: never risk sending it out.
                localOnly |= place == null || place.localOnly();
            }
        }
        return new Context(merged, localOnly);
    }

    private static boolean sameSection(Passage a, Passage b, Place pa, Place pb) {
        return pa.documentId().equals(pb.documentId())
                && Objects.equals(a.page(), b.page())
                && Objects.equals(a.headingPath(), b.headingPath());
    }

    private static boolean adjacent(List<Integer> ordinals, int ordinal) {
        return ordinals.stream().anyMatch(o -> Math.abs(o - ordinal) == 1);
    }

    /** One passage from neighbours: the best one's identity and scores, the text of all in document order. */
    static Passage merge(List<Passage> group, List<Integer> ordinals) {
        Passage best = group.getFirst();
        if (group.size() == 1) {
            return best;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            order.add(i);
        }
        order.sort((x, y) -> Integer.compare(ordinals.get(x), ordinals.get(y)));
        StringBuilder text = new StringBuilder();
        for (int i : order) {
            text = join(text, group.get(i).content());
        }
        double similarity =
                group.stream().mapToDouble(Passage::similarity).max().orElse(best.similarity());
        return new Passage(
                best.chunkId(),
                best.documentId(),
                best.title(),
                best.mediaType(),
                best.page(),
                best.headingPath(),
                text.toString(),
                best.score(),
                similarity);
    }

    /** Appends {@code next}, dropping the start of it that repeats the end of {@code text} (the chunk overlap). */
    static StringBuilder join(StringBuilder text, String next) {
        if (text.isEmpty()) {
            return text.append(next);
        }
        String tail = text.toString();
        int max = Math.min(tail.length(), next.length());
        for (int len = max; len >= 20; len--) {
            if (tail.endsWith(next.substring(0, len))) {
                return text.append(next.substring(len));
            }
        }
        return text.append(tail.endsWith(" ") || tail.endsWith("\n") ? "" : "\n")
                .append(next);
    }
}
