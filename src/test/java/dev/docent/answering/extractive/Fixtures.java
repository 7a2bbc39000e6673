package dev.docent.answering.extractive;

import dev.docent.answering.AnswerConfig;
import dev.docent.embedding.Embedder;
import dev.docent.retrieval.Passage;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Passages, configuration and a deterministic bag-of-words embedder for the extractive answerer's plain tests. */
final class Fixtures {

    private static final AtomicLong IDS = new AtomicLong();

    private Fixtures() {}

    static Passage passage(String title, String content, double similarity) {
        return new Passage(
                IDS.incrementAndGet(),
                UUID.randomUUID(),
                title,
                "text/markdown",
                null,
                List.of(),
                content,
                0.1,
                similarity);
    }

    static AnswerConfig config() {
        return new AnswerConfig() {
            @Override
            public double minSimilarity() {
                return 0.67;
            }

            @Override
            public int passages() {
                return 5;
            }

            @Override
            public int maxSentences() {
                return 3;
            }

            @Override
            public double minAnswerability() {
                return 0.5;
            }

            @Override
            public double minCitationSupport() {
                return 0.5;
            }
        };
    }

    /** Vectors from hashed content terms: sentences sharing more terms with the question are closer to it. */
    static Embedder embedder() {
        return new Embedder() {
            @Override
            public String modelName() {
                return "bag-of-words";
            }

            @Override
            public int dimension() {
                return 256;
            }

            @Override
            public int maxTokens() {
                return 512;
            }

            @Override
            public int countTokens(String text) {
                return text.split("\\s+").length;
            }

            @Override
            public List<float[]> embedAll(List<String> texts) {
                return texts.stream().map(Fixtures::vector).toList();
            }
        };
    }

    private static float[] vector(String text) {
        float[] v = new float[256];
        for (String term : Terms.of(text)) {
            v[Math.floorMod(term.hashCode(), 256)] += 1;
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= (float) Math.sqrt(norm);
            }
        }
        return v;
    }

    static ExtractiveAnswerer answerer() {
        return new ExtractiveAnswerer(embedder(), config(), new AnswerabilityScore(config()));
    }
}
