package dev.docent.curated;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** When a question gets a curated answer, and how large curated answers may be. */
@ConfigMapping(prefix = "docent.curated")
public interface CuratedConfig {

    /**
     * A question gets a curated answer when its query is at least this cosine-similar to one of the answer's
     * questions (embedded the same way). Measured by {@code CuratedThresholdTest} with bge-small-en-v1.5-q on the gap
     * clusters' paraphrase set (four topics asked four ways, plus look-alike pairs): see the README, Curated answers.
     */
    @WithDefault("0.80")
    double similarity();

    /** Most questions one curated answer may list (each is embedded and matched). */
    @WithDefault("20")
    int maxQuestions();
}
