package dev.docent.answering;

import dev.docent.answering.extractive.CitationCheck;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;

/**
 * Keeps a model's citation only where the cited passage supports the sentence it follows ({@link CitationCheck},
 * {@code docent.answer.min-citation-support}), and warns when an answer is left citing nothing. Citation numbers a
 * model makes up never get this far: the model's stream is cleaned by {@link dev.docent.llm.CitationFilter} before
 * anyone sees it. Extractive answers quote the passages they cite, so they pass as they are.
 */
@ApplicationScoped
public class DefaultCitationVerifier implements CitationVerifier {

    static final String UNCITED =
            "The model gave no sources for this answer: check it against the documents before relying on it.";

    private final AnswerConfig config;

    DefaultCitationVerifier(AnswerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public Draft verify(Draft draft, Context context) {
        Draft checked = draft;
        if (draft.answered() && draft.promptVersion() != null && !draft.cited().isEmpty()) {
            CitationCheck.Checked c = CitationCheck.check(draft.text(), draft.cited(), config.minCitationSupport());
            checked = new Draft(
                    c.text(),
                    true,
                    c.cited(),
                    draft.provider(),
                    draft.model(),
                    draft.notice(),
                    draft.promptVersion(),
                    draft.promptTokens(),
                    draft.completionTokens(),
                    draft.costUsd());
        }
        if (checked.answered() && checked.cited().isEmpty() && checked.notice() == null) {
            return checked.withNotice(UNCITED);
        }
        return checked;
    }
}
