package dev.docent.training;

import java.util.List;

/**
 * Where fine-tuning examples come from. Recorded chat answers (helpful-rated and reviewed) are one source; another
 * feature (curated answers) adds its own by implementing this as a CDI bean: the export picks up every bean, checks
 * each example's passages against the collections marked for training and masks it, so a source only says what it has.
 */
public interface TrainingSource {

    /** At most {@code limit} examples, best first. */
    List<TrainingExample> examples(int limit);
}
