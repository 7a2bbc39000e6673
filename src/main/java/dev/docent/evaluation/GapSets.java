package dev.docent.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.gaps.GapService;
import dev.docent.system.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

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

    @Inject
    ObjectMapper json;

    EvalSetSummary fromGap(long clusterId, String name, String user) {
        // Read through its JSON shape (the API's), not its Java types: the gap detail is the gap API's own business.
        JsonNode gap = json.valueToTree(gaps.detail(clusterId));
        String status = gap.path("status").asText();
        JsonNode sources = gap.path("evidence").path("sources");
        if (!sources.isArray()
                || sources.isEmpty()
                || !("resolved".equals(status) || "likely_resolved".equals(status))) {
            throw new InvalidInputException(
                    409,
                    "This gap has not been resolved by a document yet (status " + status + "): a set needs the"
                            + " questions and the document that answers them.");
        }
        Set<String> documents = new LinkedHashSet<>();
        sources.forEach(s -> {
            if (s.hasNonNull("documentId")) {
                documents.add(s.get("documentId").asText());
            }
        });
        Set<String> questions = new LinkedHashSet<>();
        // Which message each question came from: erasing that message must take the item along.
        Map<String, UUID> messages = new HashMap<>();
        gap.path("examples").forEach(e -> {
            String q = e.path("question").asText("");
            if (!q.isBlank()) {
                questions.add(q);
                String question = q.length() > EvalItem.MAX_QUESTION ? q.substring(0, EvalItem.MAX_QUESTION) : q;
                if (e.hasNonNull("messageId")) {
                    messages.putIfAbsent(
                            question, UUID.fromString(e.get("messageId").asText()));
                }
            }
        });
        if (questions.isEmpty() || documents.isEmpty()) {
            throw new InvalidInputException(409, "This gap has no questions or documents left to build a set from.");
        }
        List<EvalItem> items = new ArrayList<>();
        for (String q : questions) {
            String question = q.length() > EvalItem.MAX_QUESTION ? q.substring(0, EvalItem.MAX_QUESTION) : q;
            items.add(new EvalItem(question, null, List.copyOf(documents), true));
        }
        // Not the gap's label by default: the label is a member's question, and a set's name outlives that member's
        // erasure (docs/privacy.md); the set's items are linked to their messages, its name could not be.
        String setName = name == null || name.isBlank()
                ? "Gap: #" + clusterId + " (" + questions.size() + " questions)"
                : name.strip();
        if (setName.length() > 200) {
            throw new InvalidInputException(400, EvalSetRequest.NAME);
        }
        return sets.createFromTraffic(setName, items, user, messages);
    }
}
