package dev.docent.training;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The fine-tuning export. Which collections may go into it is each collection's {@code trainingUse} flag. */
@ConfigMapping(prefix = "docent.training")
public interface TrainingConfig {

    /** Most examples one export holds, per source (the newest first). */
    @WithDefault("5000")
    int maxExamples();
}
