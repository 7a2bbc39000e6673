package dev.docent.training;

import dev.docent.retrieval.Passage;
import java.util.List;

/**
 * One example for fine-tuning: the question, the passages the model is shown (in prompt order: [1] is the first), the
 * answer to learn and, for a preference pair, the answer to learn against. Raw text: the export masks it.
 *
 * @param source where it came from: {@code helpful}, {@code reviewed}, {@code corrected} (and later {@code curated})
 * @param rejected the answer that was judged wrong, or null when there is none
 */
public record TrainingExample(String source, String question, List<Passage> passages, String answer, String rejected) {}
