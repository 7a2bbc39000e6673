package dev.docent.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.docent.system.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Calibration on constructed scores whose best cut is known. */
class CalibrationTest {

    static ItemResult scored(int position, boolean answerable, double answerability) {
        ItemResult base = RunMetricsTest.item(position, answerable, true, null, null, null, 10, 0, 0, 0, 0);
        return new ItemResult(
                base.position(),
                base.question(),
                null,
                List.of(),
                answerable,
                List.of(),
                "a",
                true,
                List.of(),
                null,
                null,
                null,
                10,
                null,
                null,
                null,
                null,
                null,
                null,
                answerability,
                answerability,
                0,
                0,
                0,
                0,
                null,
                null,
                null);
    }

    static RunStatus run(List<ItemResult> items) {
        return new RunStatus(
                UUID.randomUUID(),
                null,
                "s",
                "done",
                new RunStatus.Progress(items.size(), items.size()),
                RunConfig.live(),
                RunMetrics.of(items),
                null,
                "manager",
                null,
                null,
                items);
    }

    @Test
    void theBestCutSeparatesTheTwoGroupsAndTheRecommendationSitsBetweenThem() {
        List<ItemResult> items = new ArrayList<>();
        double[] answerable = {0.9, 0.8, 0.7, 0.45};
        double[] unanswerable = {0.1, 0.2, 0.5, 0.55};
        for (double s : answerable) {
            items.add(scored(items.size(), true, s));
        }
        for (double s : unanswerable) {
            items.add(scored(items.size(), false, s));
        }
        Calibration c = Calibration.of("min-answerability", run(items), 0.5);
        // At 0.7: answers 3 of 4 answerable and none of the unanswerable: balanced accuracy (0.75 + 1) / 2; at 0.45 all
        // answerable ones but two unanswerable: (1 + 0.5) / 2.
        assertEquals(0.7, c.best().threshold());
        assertEquals(0.875, c.best().balancedAccuracy());
        assertEquals(1.0, c.best().answeredPrecision());
        assertEquals(0.75, c.best().answeredRecall());
        assertEquals(0.8, c.best().unansweredPrecision());
        assertEquals(1.0, c.best().unansweredRecall());
        assertEquals(0.625, c.recommended()); // midway between 0.55 and 0.7
        assertEquals(9, c.curve().size()); // 8 distinct scores and "above all"
        assertEquals(4, c.answerable());
        assertEquals(0.5, c.current());
    }

    @Test
    void aSetWithoutUnanswerableItemsCannotBeCalibrated() {
        RunStatus run = run(List.of(scored(0, true, 0.9), scored(1, true, 0.4)));
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> Calibration.of("min-answerability", run, 0.5));
        assertEquals(
                "Calibration needs answerable and unanswerable items; this run has 2 answerable and 0 unanswerable.",
                e.getMessage());
        assertThrows(InvalidInputException.class, () -> Calibration.of("temperature", run, 0.5));
    }
}
