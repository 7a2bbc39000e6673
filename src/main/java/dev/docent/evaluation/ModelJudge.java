package dev.docent.evaluation;

import dev.docent.answering.Draft;
import dev.docent.llm.Cancellation;
import dev.docent.llm.LanguageModels;
import dev.docent.llm.LlmAnswerer;
import dev.docent.llm.PromptBuilder;
import dev.docent.llm.Provider;
import dev.docent.llm.ProviderFailure;
import dev.docent.retrieval.Passage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Model-as-judge: the configured model grades an evaluation answer from 1 to 5 against the question, the passages and
 * the expected answer, from the active {@code judge} prompt version. A model's opinion, so it is always labelled as
 * such and never mixed into the judge-free metrics.
 */
@ApplicationScoped
class ModelJudge {

    static final Pattern GRADE = Pattern.compile("(?i)SCORE\\s*[:=]?\\s*([1-5])\\b");
    static final int MAX_REASON = 300;
    static final String NO_MODEL = "Model-as-judge needs a language model, and none is configured: set"
            + " DOCENT_LLM_LOCAL_BASE_URL (or DOCENT_LLM_CLOUD_PROVIDER), or start the run without 'judge'.";

    @Inject
    LanguageModels models;

    @Inject
    LlmAnswerer llm;

    @Inject
    PromptBuilder prompts;

    boolean available() {
        return models.local().isPresent() || models.cloud().isPresent();
    }

    /**
     * The model's grade of {@code draft}. The local model may see every passage; the commercial one judges only
     * answers it wrote itself, because only then is it known that the passages may leave the organization.
     */
    ItemResult.Judgement judge(EvalItem item, Draft draft, List<Passage> passages, Cancellation stop) {
        Optional<Provider> judge = models.local();
        if (judge.isEmpty()
                && models.cloud().isPresent()
                && models.cloud().get().name().equals(draft.provider())) {
            judge = models.cloud();
        }
        if (judge.isEmpty()) {
            return new ItemResult.Judgement(
                    ItemResult.Judgement.LABEL,
                    null,
                    null,
                    "Not judged: only the commercial model is configured, and it did not write this answer, so its"
                            + " passages may be local-only.",
                    null,
                    null);
        }
        Provider provider = judge.get();
        PromptBuilder.Prompt prompt = prompts.judge(
                item.question(),
                passages,
                item.expectedAnswer() == null ? "" : item.expectedAnswer(),
                draft.text() == null ? "" : draft.text());
        String reply;
        try {
            reply = llm.complete(provider, prompt.messages(), stop).strip();
        } catch (ProviderFailure e) {
            return judgement(null, "The judge model failed: " + e.getMessage(), prompt, provider);
        }
        Matcher m = GRADE.matcher(reply);
        if (!m.find()) {
            return judgement(null, "The judge model's reply had no SCORE: " + shorten(reply), prompt, provider);
        }
        return judgement(Integer.parseInt(m.group(1)), shorten(reply), prompt, provider);
    }

    private static ItemResult.Judgement judgement(
            Integer grade, String reason, PromptBuilder.Prompt prompt, Provider provider) {
        return new ItemResult.Judgement(
                ItemResult.Judgement.LABEL,
                grade == null ? null : RunMetrics.round((grade - 1) / 4.0),
                grade,
                reason,
                prompt.version(),
                provider.model());
    }

    private static String shorten(String text) {
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON) + "…";
    }
}
