package dev.docent.curated;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** When a question gets a curated answer, and how large curated answers may be. */
@ConfigMapping(prefix = "docent.curated")
public interface CuratedConfig {

    /**
     * A question gets a curated answer when its query is at least this cosine-similar to one of the answer's
     * questions (embedded the same way). Measured by {@code CuratedThresholdTest} with bge-small-en-v1.5-q on the gap
     * clusters' paraphrase set (four topics asked four ways, plus look-alike pairs): every paraphrase pair scores at
     * least 0.744, other topics at most 0.531, look-alikes ("how tall is X" / "how high may Y fly") up to 0.673. A
     * wrong curated answer costs more than a missed one (a miss just answers from the documents), so the default sits
     * above the clusters' 0.72, still below every paraphrase pair.
     */
    @WithDefault("0.73")
    double similarity();

    /** Most questions one curated answer may list (each is embedded and matched). */
    @WithDefault("20")
    int maxQuestions();
}
