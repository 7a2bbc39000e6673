package dev.docent.mcp;

import dev.docent.chat.ChatAnswer;
import dev.docent.chat.Citation;
import java.util.List;
import java.util.UUID;

/**
 * What {@code ask} returns: the answer as the chat gives it, its numbered sources, and whether the documents covered
 * the question.
 *
 * @param answered false when the documents the caller may read do not answer it (the answer says so)
 * @param notice something to know about how the answer was made (extractive mode, local-only content), or null
 * @param provider who wrote it: a model provider's name, {@code local}, or {@code extractive}
 * @param conversationId where it is recorded: the caller sees it among their conversations in Docent
 */
public record McpAnswer(
        String answer,
        boolean answered,
        String notice,
        List<Source> citations,
        String provider,
        UUID conversationId,
        UUID messageId) {

    /**
     * The source behind the answer's marker {@code [n]}.
     *
     * @param section the heading path inside the document, or null
     * @param link the original file (at the page when known)
     */
    public record Source(int n, String title, Integer page, String section, String link, String snippet) {}

    static McpAnswer of(ChatAnswer answer, SourceLinks links) {
        List<Source> sources =
                answer.citations().stream().map(c -> source(c, links)).toList();
        return new McpAnswer(
                answer.answer(),
                answer.answered(),
                answer.notice(),
                sources,
                answer.provider(),
                answer.conversationId(),
                answer.messageId());
    }

    private static Source source(Citation c, SourceLinks links) {
        return new Source(
                c.n(),
                c.title(),
                c.page(),
                FoundPassage.section(c.headingPath()),
                links.to(c.documentId(), c.page()),
                c.snippet());
    }
}
