package dev.docent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Real text for synthetic corpora: chunk-sized pieces of SQuAD's paragraphs and some of its questions when
 * {@code ../shared/data/squad} is present, else pieces of Docent's own user guide with queries made of its sentences.
 */
record RealTexts(String source, List<String> pieces, List<String> queries) {

    static final Path SQUAD = Path.of("..", "shared", "data", "squad", "dev-v1.1.json");
    static final int PIECE_CHARACTERS = 500;
    private static final List<String> GUIDE = List.of("getting-started.md", "administration.html", "faq.txt");

    static boolean squadPresent() {
        return Files.isRegularFile(SQUAD);
    }

    /** Up to {@code maxPieces} pieces and {@code maxQueries} queries, the same ones for the same arguments. */
    static RealTexts load(int maxPieces, int maxQueries) {
        return squadPresent() ? squad(maxPieces, maxQueries) : guide(maxPieces, maxQueries);
    }

    private static RealTexts squad(int maxPieces, int maxQueries) {
        try {
            List<String> pieces = new ArrayList<>();
            List<String> questions = new ArrayList<>();
            for (JsonNode article : new ObjectMapper().readTree(SQUAD.toFile()).path("data")) {
                for (JsonNode paragraph : article.path("paragraphs")) {
                    pieces.addAll(split(paragraph.path("context").asText()));
                    paragraph
                            .path("qas")
                            .forEach(q -> questions.add(q.path("question").asText()));
                }
            }
            return new RealTexts(
                    "SQuAD v1.1 dev paragraphs (" + pieces.size() + " pieces of up to " + PIECE_CHARACTERS
                            + " characters) and questions",
                    sample(pieces, maxPieces, 1),
                    sample(questions, maxQueries, 2));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RealTexts guide(int maxPieces, int maxQueries) {
        List<String> pieces = new ArrayList<>();
        for (String name : GUIDE) {
            try (InputStream in = RealTexts.class.getResourceAsStream("/user-guide/" + name)) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .replaceAll("<[^>]+>", " ")
                        .replaceAll("[#*`|]", " ");
                for (String block : text.split("\\n\\s*\\n")) {
                    pieces.addAll(split(block));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<String> queries = new ArrayList<>();
        for (String piece : pieces) {
            String[] words = piece.split("\\s+");
            if (words.length >= 10) {
                queries.add(String.join(" ", List.of(words).subList(0, Math.min(16, words.length))));
            }
        }
        return new RealTexts(
                "Docent's user guide (" + pieces.size() + " pieces; ../shared/data/squad not present)",
                sample(pieces, maxPieces, 1),
                sample(queries, maxQueries, 2));
    }

    /** Sentences packed into pieces of at most {@link #PIECE_CHARACTERS} characters (a long sentence alone). */
    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        for (String sentence : text.strip().split("(?<=[.!?])\\s+")) {
            String s = sentence.strip().replaceAll("\\s+", " ");
            if (s.isEmpty()) {
                continue;
            }
            if (!piece.isEmpty() && piece.length() + s.length() + 1 > PIECE_CHARACTERS) {
                out.add(piece.toString());
                piece.setLength(0);
            }
            piece.append(piece.isEmpty() ? "" : " ").append(s);
        }
        if (piece.length() >= 20) {
            out.add(piece.toString());
        }
        return out;
    }

    private static List<String> sample(List<String> all, int limit, long seed) {
        if (all.size() <= limit) {
            return List.copyOf(all);
        }
        List<String> copy = new ArrayList<>(all);
        Collections.shuffle(copy, new Random(seed));
        return List.copyOf(copy.subList(0, limit));
    }
}
