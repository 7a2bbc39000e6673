package dev.docent.gaps;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How unanswered questions are grouped into gaps and replayed when new content arrives. */
@ConfigMapping(prefix = "docent.gaps")
public interface GapConfig {

    /**
     * A question joins the nearest cluster whose centroid is at least this cosine-similar to it, otherwise it starts
     * a new cluster. Measured with bge-small-en-v1.5-q on GapClusteringTest's four topics asked four ways each:
     * paraphrases score at least 0.744 against each other (and higher against their centroid), questions on different
     * topics at most 0.531, but different needs of the same shape ("how tall is X" / "how high may Y fly", two
     * questions with a pasted address) up to 0.66. 0.72 keeps those apart and paraphrases together.
     */
    @WithDefault("0.72")
    double clusterSimilarity();

    /** After a document becomes ready, wait this long for more before replaying, so a burst causes one replay. */
    @WithDefault("PT20S")
    Duration replayDelay();

    /**
     * How often each instance looks for a replay that is due but did not run (the instance whose timer should have run
     * it stopped): the longest a replay can be late after an instance dies.
     */
    @WithDefault("PT30S")
    Duration replayCheckEvery();

    /** Most questions of one cluster asked again by a replay (the most recent ones). */
    @WithDefault("10")
    int replayQuestions();

    /** Example questions shown per cluster in the list and the CSV export. */
    @WithDefault("3")
    int examples();
}
