package dev.docent.safety;

import dev.docent.embedding.Embedder;
import jakarta.enterprise.context.ApplicationScoped;
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
    private final ReferenceTexts attacks;

    QuestionGuard(Embedder embedder, SafetyConfig config) {
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.attacks = new ReferenceTexts("/safety/attacks.txt", embedder);
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
        List<float[]> known = attacks.vectors();
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
                    SafetyCause.KNOWN_ATTACK,
                    String.format(
                            "%.2f similar to \"%s\"", best, attacks.texts().get(at))));
        }
        return Optional.empty();
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
