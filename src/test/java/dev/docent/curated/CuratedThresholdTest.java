package dev.docent.curated;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.embedding.Embedder;
import dev.docent.gaps.GapClusteringTest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The curated-answer threshold, measured with the real embedding model on the gap clusters' paraphrase set, embedded
 * as chat embeds a query: one paraphrase must reach a curated answer written for another, a different need (another
 * topic, or a look-alike question) must not. A single stored question is the hardest case; more questions only help.
 */
@QuarkusTest
class CuratedThresholdTest {

    @Inject
    Embedder embedder;

    @Inject
    CuratedConfig config;

    @Test
    void theThresholdServesParaphrasesAndNothingElse() {
        List<float[]> vectors = new ArrayList<>();
        List<Integer> topic = new ArrayList<>();
        for (int t = 0; t < GapClusteringTest.TOPICS.size(); t++) {
            for (String q : GapClusteringTest.TOPICS.get(t)) {
                vectors.add(embedder.embedQuery(q));
                topic.add(t);
            }
        }
        double minSame = 1;
        double maxOther = -1;
        List<Double> same = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            for (int j = i + 1; j < vectors.size(); j++) {
                double s = dot(vectors.get(i), vectors.get(j));
                if (topic.get(i).equals(topic.get(j))) {
                    minSame = Math.min(minSame, s);
                    same.add(s);
                } else {
                    maxOther = Math.max(maxOther, s);
                }
            }
        }
        double maxHard = -1;
        for (List<String> pair : GapClusteringTest.HARD_NEGATIVES) {
            maxHard = Math.max(maxHard, dot(embedder.embedQuery(pair.get(0)), embedder.embedQuery(pair.get(1))));
        }
        long served = same.stream().filter(s -> s >= config.similarity()).count();
        System.out.printf(
                "Curated threshold (%s, query embedding): paraphrase pairs >= %.3f (%d of %d at or above %.2f),"
                        + " different topics <= %.3f, look-alikes <= %.3f%n",
                embedder.modelName(), minSame, served, same.size(), config.similarity(), maxOther, maxHard);
        assertTrue(maxHard < config.similarity(), "look-alike questions scored " + maxHard);
        assertTrue(maxOther < config.similarity(), "different topics scored " + maxOther);
        assertTrue(minSame >= config.similarity(), "a paraphrase pair scored only " + minSame);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
