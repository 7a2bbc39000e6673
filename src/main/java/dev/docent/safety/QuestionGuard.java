package dev.docent.safety;

import dev.docent.embedding.Embedder;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Recognises a question written to manipulate the model: first by rules ({@link QuestionRules}), then by closeness in
 * meaning to a small set of known attacks ({@code safety/attacks.txt}) embedded with the application's embedding model.
 * The second catches paraphrases the rules miss; its threshold ({@code docent.safety.attack-similarity}) is set so that
 * ordinary questions stay below it, as measured by {@code make redteam}.
 */
@ApplicationScoped
public class QuestionGuard {

    private final Embedder embedder;
    private final SafetyConfig config;
    private volatile List<String> attacks;
    private volatile List<float[]> attackVectors;

    QuestionGuard(Embedder embedder, SafetyConfig config) {
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** What is wrong with {@code question}, or empty for an ordinary question. */
    public Optional<Finding> check(String question) {
        Optional<Finding> rule = QuestionRules.check(question);
        if (rule.isPresent() || config.attackSimilarity() > 1) {
            return rule;
        }
        return similar(question);
    }

    /** The closest known attack when it is close enough. */
    Optional<Finding> similar(String question) {
        List<float[]> known = vectors();
        float[] q = embedder.embedAll(List.of(Disguise.fold(question))).getFirst();
        double best = -1;
        int at = -1;
        for (int i = 0; i < known.size(); i++) {
            double s = cosine(q, known.get(i));
            if (s > best) {
                best = s;
                at = i;
            }
        }
        if (best >= config.attackSimilarity()) {
            return Optional.of(new Finding(
                    SafetyCause.KNOWN_ATTACK, String.format("%.2f similar to \"%s\"", best, attacks.get(at))));
        }
        return Optional.empty();
    }

    private List<float[]> vectors() {
        List<float[]> v = attackVectors;
        if (v == null) {
            synchronized (this) {
                if (attackVectors == null) {
                    attacks = read();
                    attackVectors = embedder.embedAll(
                            attacks.stream().map(Disguise::fold).toList());
                }
                v = attackVectors;
            }
        }
        return v;
    }

    private static List<String> read() {
        try (InputStream in = QuestionGuard.class.getResourceAsStream("/safety/attacks.txt")) {
            if (in == null) {
                throw new IllegalStateException("safety/attacks.txt is missing from the application");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
