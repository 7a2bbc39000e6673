package dev.docent.answering;

import dev.docent.answering.extractive.FollowUps;
import dev.docent.llm.Cancellation;
import dev.docent.llm.LanguageModels;
import dev.docent.llm.LlmAnswerer;
import dev.docent.llm.PromptBuilder;
import dev.docent.llm.Provider;
import dev.docent.llm.ProviderFailure;
import dev.docent.retrieval.RetrievalConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Turns a follow-up ("and for part-time staff?") into a question that stands alone. With a local language model, the
 * model rewrites it from the conversation's earlier questions (never its answers). A commercial model is not asked:
 * earlier questions may quote answers from local-only documents. Without one, or when the model fails, a simple rule: a short question, or one that
 * leans on the previous one (a pronoun, "and", "what about"), is searched together with the previous query.
 */
@ApplicationScoped
public class DefaultQueryRewriter implements QueryRewriter {

    private static final Logger LOG = Logger.getLogger(DefaultQueryRewriter.class);

    private final LanguageModels models;
    private final LlmAnswerer llm;
    private final PromptBuilder prompts;
    private final RetrievalConfig retrieval;

    DefaultQueryRewriter(LanguageModels models, LlmAnswerer llm, PromptBuilder prompts, RetrievalConfig retrieval) {
        this.models = Objects.requireNonNull(models, "models");
        this.llm = Objects.requireNonNull(llm, "llm");
        this.prompts = Objects.requireNonNull(prompts, "prompts");
        this.retrieval = Objects.requireNonNull(retrieval, "retrieval");
    }

    @Override
    public String rewrite(String question, Question.History history, Cancellation cancellation) {
        if (history.isEmpty()) {
            return question;
        }
        List<String> earlier = history.earlierQuestions();
        String previous = history.previousQuery();
        // Only a local model: earlier questions may quote local-only answers, which never go to a commercial model.
        Optional<Provider> model = models.local();
        if (model.isPresent()) {
            try {
                String rewritten = llm.complete(model.get(), prompts.rewrite(earlier, question), cancellation)
                        .strip()
                        .replaceAll("^[\"'`]+|[\"'`]+$", "")
                        .replaceAll("\\s+", " ");
                if (!rewritten.isBlank() && rewritten.length() <= retrieval.maxQueryLength()) {
                    return rewritten;
                }
            } catch (ProviderFailure e) {
                LOG.debugf("Rewriting by the model failed, using the rule: %s", e.getMessage());
            }
        }
        return rewrite(question, previous);
    }

    /** The query to search for {@code question}, given the previous standalone query (or null). */
    public String rewrite(String question, String previous) {
        if (previous == null || previous.isBlank()) {
            return question;
        }
        // Only a question that leans on the conversation is merged: see FollowUps for what counts.
        return FollowUps.standalone(question, previous);
    }
}
