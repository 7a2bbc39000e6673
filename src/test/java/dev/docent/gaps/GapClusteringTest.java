package dev.docent.gaps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.embedding.Embedder;
import dev.docent.system.Jdbc;
import dev.docent.testing.Tags;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Online clustering with the real embedding model: paraphrases end up together, different topics apart. */
@QuarkusTest
public class GapClusteringTest {

    /** Four topics, each asked four ways (different words, same need). */
    public static final List<List<String>> TOPICS = List.of(
            List.of(
                    "How do I reset my VPN password?",
                    "I forgot my VPN password, how can I change it?",
                    "What is the procedure to reset the password for the VPN?",
                    "how to get a new vpn password"),
            List.of(
                    "Can I bring my dog to the office?",
                    "Are dogs allowed in the office?",
                    "Is it okay to take my dog to work?",
                    "office policy on bringing dogs"),
            List.of(
                    "How much paternity leave do fathers get?",
                    "What is the paternity leave entitlement?",
                    "How many weeks of paternity leave can a new father take?",
                    "paternity leave length for dads"),
            List.of(
                    "Where is the printer on the third floor?",
                    "How do I find the printer on floor 3?",
                    "Which room has the third-floor printer?",
                    "third floor printer location"));

    /** Different needs that share a shape ("how high...", a pasted address): the hardest pairs to keep apart. */
    public static final List<List<String>> HARD_NEGATIVES = List.of(
            List.of("How tall is the Quorvane lighthouse antenna?", "What is the maximum flight altitude for drones?"),
            List.of(
                    "Where can I park my submarine at the harbour? Mail me at jo.doe@example.com",
                    "=HYPERLINK(\"http://evil.example\") how do I claim mileage?"),
            List.of("How do I reset my VPN password?", "How do I reset my laptop to factory settings?"));

    @Inject
    GapRecorder recorder;

    @Inject
    GapConfig config;

    @Inject
    Embedder embedder;

    @Inject
    Jdbc jdbc;

    @Test
    void theThresholdSeparatesParaphrasesFromDifferentTopics() {
        List<float[]> vectors = new ArrayList<>();
        List<Integer> topic = new ArrayList<>();
        for (int t = 0; t < TOPICS.size(); t++) {
            for (String q : TOPICS.get(t)) {
                vectors.add(embedder.embed(q));
                topic.add(t);
            }
        }
        double minSame = 1;
        double maxOther = -1;
        for (int i = 0; i < vectors.size(); i++) {
            for (int j = i + 1; j < vectors.size(); j++) {
                double s = dot(vectors.get(i), vectors.get(j));
                if (topic.get(i).equals(topic.get(j))) {
                    minSame = Math.min(minSame, s);
                } else {
                    maxOther = Math.max(maxOther, s);
                }
            }
        }
        double maxHard = -1;
        for (List<String> pair : HARD_NEGATIVES) {
            maxHard = Math.max(maxHard, dot(embedder.embed(pair.get(0)), embedder.embed(pair.get(1))));
        }
        System.out.printf(
                "Gap clustering (%s): paraphrases >= %.3f, different topics <= %.3f, hard negatives <= %.3f,"
                        + " threshold %.2f%n",
                embedder.modelName(), minSame, maxOther, maxHard, config.clusterSimilarity());
        assertTrue(maxHard < config.clusterSimilarity(), "hard negatives scored " + maxHard);
        assertTrue(maxOther < config.clusterSimilarity(), "different topics scored " + maxOther);
        assertTrue(minSame > maxOther, "paraphrases " + minSame + " vs other topics " + maxOther);
    }

    @Test
    void paraphrasesJoinOneClusterAndDifferentTopicsFoundTheirOwn() {
        // Clusters this test made in an earlier run (of the same database) would take the questions.
        jdbc.update("DELETE FROM gap_clusters WHERE id IN (SELECT cluster_id FROM gap_questions WHERE owner LIKE"
                + " 'clustering-%')");
        String owner = "clustering-" + Tags.random();
        Map<Integer, Set<Long>> clustersByTopic = new HashMap<>();
        // Interleaved, as real traffic arrives: one question of each topic, then the next round.
        for (int round = 0; round < 4; round++) {
            for (int t = 0; t < TOPICS.size(); t++) {
                GapQuestion q = GapFixtures.unanswered(
                        jdbc, owner + "-" + round, Set.of(), TOPICS.get(t).get(round));
                recorder.record(q);
                clustersByTopic.computeIfAbsent(t, k -> new HashSet<>()).add(clusterOf(q.messageId()));
            }
        }
        Set<Long> all = new HashSet<>();
        for (int t = 0; t < TOPICS.size(); t++) {
            assertEquals(1, clustersByTopic.get(t).size(), "topic " + t + " split into " + clustersByTopic.get(t));
            all.addAll(clustersByTopic.get(t));
        }
        assertEquals(TOPICS.size(), all.size(), "two topics share a cluster: " + clustersByTopic);
        long vpn = clustersByTopic.get(0).iterator().next();
        assertNotEquals(vpn, clustersByTopic.get(1).iterator().next());
        String label = jdbc.one("SELECT label FROM gap_clusters WHERE id = ?", r -> r.getString(1), vpn)
                .orElseThrow();
        assertTrue(TOPICS.get(0).contains(label), "the label is one of the cluster's questions: " + label);
        long users = jdbc.one(
                        "SELECT count(DISTINCT owner) FROM gap_questions WHERE cluster_id = ?", r -> r.getLong(1), vpn)
                .orElseThrow();
        assertEquals(4, users);
    }

    private long clusterOf(UUID messageId) {
        return jdbc.one("SELECT cluster_id FROM gap_questions WHERE message_id = ?", r -> r.getLong(1), messageId)
                .orElseThrow(() -> new AssertionError("question " + messageId + " was not clustered"));
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
