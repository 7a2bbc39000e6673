package dev.docent.evaluation;

import dev.docent.answering.AnswerThresholds;
import dev.docent.audit.AuditLog;
import dev.docent.system.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Calibrates the answering thresholds from a run and applies one, recorded in the audit log. */
@ApplicationScoped
public class Thresholds {

    public static final String AUDIT_ACTION = "answer.threshold-changed";

    @Inject
    AnswerThresholds thresholds;

    @Inject
    EvalRuns runs;

    @Inject
    AuditLog audit;

    public Calibration calibrate(UUID runId, String name) {
        String which = name == null || name.isBlank() ? AnswerThresholds.MIN_ANSWERABILITY : name.strip();
        RunStatus run = runs.get(runId);
        if (!run.status().equals("done")) {
            throw new InvalidInputException(409, "The run is " + run.status() + "; calibrate from a finished run.");
        }
        double current = which.equals(AnswerThresholds.MIN_SIMILARITY)
                ? thresholds.minSimilarity()
                : thresholds.minAnswerability();
        return Calibration.of(which, run, current);
    }

    public List<AnswerThresholds.Threshold> list() {
        return thresholds.list();
    }

    @Transactional
    public AnswerThresholds.Threshold apply(ApplyThresholdRequest request, String user) {
        if (request.name().equals(AnswerThresholds.MIN_ANSWERABILITY) && request.value() < 0) {
            throw new InvalidInputException(400, "'value' for min-answerability must be between 0 and 1.");
        }
        double previous = request.name().equals(AnswerThresholds.MIN_SIMILARITY)
                ? thresholds.minSimilarity()
                : thresholds.minAnswerability();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("value", request.value());
        details.put("previous", previous);
        if (request.runId() != null) {
            details.put("calibratedOnRun", request.runId().toString());
        }
        audit.record(user, AUDIT_ACTION, request.name(), details);
        return thresholds.set(request.name(), request.value(), user);
    }
}
