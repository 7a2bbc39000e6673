package dev.docent.monitoring;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How Docent watches itself: groundedness, degradation checks and alerts. */
@ConfigMapping(prefix = "docent.monitoring")
public interface MonitoringConfig {

    /** Model answers whose groundedness is below this are listed for knowledge managers to review. */
    @WithDefault("0.5")
    double lowGroundedness();
}
