package dev.docent.answering;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Warns when an answer cites nothing. (Citation numbers a model makes up never get this far: the model's stream is
 * cleaned by {@link dev.docent.llm.CitationFilter} before anyone sees it.)
 */
@ApplicationScoped
public class DefaultCitationVerifier implements CitationVerifier {

    static final String UNCITED =
            "The model gave no sources for this answer: check it against the documents before relying on it.";

    @Override
    public Draft verify(Draft draft, Context context) {
        if (draft.answered() && draft.cited().isEmpty() && draft.notice() == null) {
            return draft.withNotice(UNCITED);
        }
        return draft;
    }
}
