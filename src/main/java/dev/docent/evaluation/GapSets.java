package dev.docent.evaluation;

import dev.docent.gaps.GapService;
import dev.docent.system.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sets from real traffic: a knowledge-gap cluster that a document resolved becomes a set of its (masked) example
 * questions, each expecting that document, so a later change that loses the answer shows up in a run.
 */
@ApplicationScoped
class GapSets {

    @Inject
    GapService gaps;

    @Inject
    EvalSets sets;

    EvalSetSummary fromGap(long clusterId, String name, String user) {
        Map<String, Object> gap = gaps.detail(clusterId);
        Object status = gap.get("status");
        if (!(gap.get("evidence") instanceof Map<?, ?> evidence)
                || !(evidence.get("sources") instanceof List<?> sources)
                || sources.isEmpty()
                || !("resolved".equals(status) || "likely_resolved".equals(status))) {
            throw new InvalidInputException(
                    409,
                    "This gap has not been resolved by a document yet (status " + status + "): a set needs the"
                            + " questions and the document that answers them.");
        }
        Set<String> documents = new LinkedHashSet<>();
        for (Object source : sources) {
            if (source instanceof Map<?, ?> s && s.get("documentId") != null) {
                documents.add(s.get("documentId").toString());
            }
        }
        Set<String> questions = new LinkedHashSet<>();
        if (gap.get("examples") instanceof List<?> examples) {
            for (Object example : examples) {
                if (example instanceof Map<?, ?> e && e.get("question") instanceof String q && !q.isBlank()) {
                    questions.add(q);
                }
            }
        }
        if (questions.isEmpty() || documents.isEmpty()) {
            throw new InvalidInputException(409, "This gap has no questions or documents left to build a set from.");
        }
        List<EvalItem> items = new ArrayList<>();
        for (String q : questions) {
            String question = q.length() > EvalItem.MAX_QUESTION ? q.substring(0, EvalItem.MAX_QUESTION) : q;
            items.add(new EvalItem(question, null, List.copyOf(documents), true));
        }
        String setName = name == null || name.isBlank()
                ? "Gap: " + shorten(String.valueOf(gap.get("label")))
                : name.strip();
        if (setName.length() > 200) {
            throw new InvalidInputException(400, EvalSetRequest.NAME);
        }
        return sets.create(setName, "gap", items, user);
    }

    private static String shorten(String label) {
        return label.length() <= 150 ? label : label.substring(0, 150) + "…";
    }
}
