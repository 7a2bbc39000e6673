package dev.docent.review;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The review queue. Which answers enter it for low groundedness follows {@code docent.monitoring.low-groundedness}, the
 * level monitoring already reports on, so the two never disagree.
 */
@ConfigMapping(prefix = "docent.review")
public interface ReviewConfig {

    /** Answers shown per page of the queue when the request names no {@code limit}. */
    @WithDefault("20")
    int pageSize();

    /** Longest correction a reviewer may write, in characters (an evaluation item's expected answer holds as much). */
    @WithDefault("5000")
    int maxCorrection();
}
