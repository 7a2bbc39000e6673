package dev.docent.answering;

import dev.docent.answering.extractive.ExtractiveAnswerer;
import dev.docent.llm.Answer;
import dev.docent.llm.LanguageModels;
import dev.docent.llm.LlmAnswerer;
import dev.docent.llm.Provider;
import dev.docent.llm.ProviderFailure;
import dev.docent.retrieval.Passage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Has the answer written by the model the context allows (the commercial one, or the local one when local-only
 * passages are involved), and falls back to the extractive answer, with a visible notice, when the model fails. A
 * model that fails mid-answer is taken back first ({@code reset}). With no model, or none allowed, the extractive
 * answerer writes it.
 */
@ApplicationScoped
public class DefaultAnswerer implements Answerer {

    /** Extractive answers stream a sentence (ending in its citation) at a time. */
    private static final Pattern PIECES = Pattern.compile("(?<=\\]) ");

    private final LanguageModels models;
    private final LlmAnswerer llm;
    private final ExtractiveAnswerer extractive;

    DefaultAnswerer(LanguageModels models, LlmAnswerer llm, ExtractiveAnswerer extractive) {
        this.models = Objects.requireNonNull(models, "models");
        this.llm = Objects.requireNonNull(llm, "llm");
        this.extractive = Objects.requireNonNull(extractive, "extractive");
    }

    @Override
    public Optional<Provider> author(Context context) {
        String chosen = AnswerVariant.current().map(AnswerVariant::provider).orElse("auto");
        return switch (chosen) {
            case "extractive" -> Optional.empty();
            // The local model may see every passage; the commercial one never sees local-only ones.
            case "local" -> models.local();
            case "cloud" -> context.includesLocalOnly() ? models.local() : models.cloud();
            default -> models.forPassages(context.includesLocalOnly());
        };
    }

    @Override
    public Draft answer(Task task, AnswerStream out) {
        if (!task.confident()) {
            return notCovered(task.author(), out);
        }
        if (task.author().isPresent()) {
            return generated(task.author().get(), task, out);
        }
        return extracted(task.question(), task.context(), localOnlyNotice(task.context()), out);
    }

    private static Draft notCovered(Optional<Provider> author, AnswerStream out) {
        out.add(Answer.NOT_COVERED);
        return Draft.plain(
                Answer.NOT_COVERED,
                false,
                List.of(),
                author.map(Provider::name).orElse(ExtractiveAnswerer.PROVIDER),
                author.map(Provider::model).orElse(null),
                null);
    }

    private Draft generated(Provider provider, Task task, AnswerStream out) {
        List<Passage> sent = task.context().passages();
        try {
            // A commercial model sees only the current question: a rewritten follow-up may quote earlier questions,
            // and those may be about local-only content.
            String asked = provider.local() ? task.query() : task.question();
            // An evaluation run may try a prompt version that is not active yet.
            String version =
                    AnswerVariant.current().map(AnswerVariant::promptVersion).orElse(null);
            LlmAnswerer.Generation g = llm.generate(
                    provider,
                    asked,
                    sent,
                    task.concise(),
                    version,
                    out::add,
                    out.sink().cancellation());
            if (g.notInKnowledgeBase()) {
                out.reset("not-covered");
                out.add(Answer.NOT_COVERED);
            }
            return new Draft(
                    g.notInKnowledgeBase() ? Answer.NOT_COVERED : g.text(),
                    !g.notInKnowledgeBase(),
                    g.notInKnowledgeBase()
                            ? List.of()
                            : g.cited().stream().map(sent::get).toList(),
                    provider.name(),
                    provider.model(),
                    null,
                    g.promptVersion(),
                    g.promptTokens(),
                    g.completionTokens(),
                    g.costUsd());
        } catch (ProviderFailure failure) {
            out.sink().cancellation().check();
            out.reset("fallback");
            return extracted(task.question(), task.context(), failure.notice(), out);
        }
    }

    /**
     * Quotes the passages (found with the standalone query) that answer {@code question} as typed: its own words say
     * what is asked ("when", "how many"), which a follow-up merged with the question before would blur.
     */
    private Draft extracted(String question, Context context, String notice, AnswerStream out) {
        Answer answer = extractive.answer(question, context.passages());
        String[] pieces = PIECES.split(answer.text());
        for (int i = 0; i < pieces.length; i++) {
            out.sink().cancellation().check();
            out.add(i < pieces.length - 1 ? pieces[i] + " " : pieces[i]);
        }
        return Draft.plain(answer.text(), answer.answered(), answer.cited(), answer.provider(), answer.model(), notice);
    }

    /** Said when a commercial model is configured but the passages must stay local and there is no local model. */
    private String localOnlyNotice(Context context) {
        if (context.includesLocalOnly() && models.cloud().isPresent()) {
            return "These documents are marked local-only, so they were not sent to the commercial model; this answer"
                    + " was composed directly from them.";
        }
        return null;
    }
}
