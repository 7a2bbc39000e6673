package dev.docent.gaps;

import java.util.List;
import java.util.Map;

/**
 * The gap overview: questions answered and not answered per day, the causes, the week's top gaps, and how many
 * clusters wait for a manager.
 *
 * @param from first day (UTC)
 * @param to last day (UTC), today
 * @param causes questions per cause over the period, every cause present
 * @param openClusters clusters open or in progress
 * @param likelyResolved clusters the replay found answered, waiting for a manager's confirmation
 */
public record GapOverview(
        String from,
        String to,
        List<Day> days,
        Map<String, Long> causes,
        List<GapSummary> topThisWeek,
        long openClusters,
        long likelyResolved) {

    /**
     * One day's questions. Not answered: no answer given, or a thumbs down with "didn't answer my question".
     *
     * @param answeredRate null on a day without questions
     * @param purged of the questions, how many the retention purge has removed since (still counted here)
     */
    public record Day(
            String day,
            long questions,
            long answered,
            long unanswered,
            Double answeredRate,
            Double unansweredRate,
            long purged) {}
}
