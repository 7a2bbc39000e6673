package dev.docent.mcp;

import dev.docent.answering.Asker;
import dev.docent.limits.LimitExceededException;
import dev.docent.security.CurrentUser;
import dev.docent.security.Roles;
import dev.docent.system.InvalidInputException;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolCallException;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.util.function.Supplier;

/**
 * Docent's MCP tools (streamable HTTP at {@code /mcp}): they map arguments and delegate to {@link McpService}, as the
 * JSON resources do. Every call runs as the bearer token's user, with their groups; a refusal becomes a tool error
 * ({@code isError}) with the message the chat would show, so an agent can correct itself.
 */
@RolesAllowed(Roles.USER)
public class McpTools {

    @Inject
    McpService service;

    @Inject
    CurrentUser user;

    @Inject
    CurrentVertxRequest request;

    @Tool(
            name = "search_documents",
            description = "Searches Docent's documents that the signed-in user may read and returns the best passages,"
                    + " best first, each with its document title, page or section, and a link to the original file.",
            structuredContent = true)
    SearchResults searchDocuments(
            @ToolArg(description = "What to search for, in words (at most 4,000 characters).") String query,
            @ToolArg(description = "How many passages to return (1 to 50; default 10).", required = false) Integer k,
            @ToolArg(description = "Only search this collection (a name from list_collections).", required = false)
                    String collection) {
        return refusalsAsToolErrors(() -> service.search(query, k, collection, asker(), links()));
    }

    @Tool(
            name = "ask",
            description = "Asks Docent a question: it answers from the documents the signed-in user may read, with"
                    + " numbered citations, or says it does not know (answered=false). The question is recorded in"
                    + " the user's conversations in Docent.",
            structuredContent = true)
    McpAnswer ask(
            @ToolArg(description = "The question, in words (at most 4,000 characters).") String question,
            @ToolArg(description = "Only answer from this collection (a name from list_collections).", required = false)
                    String collection,
            @ToolArg(description = "Ask for a short answer of at most three sentences.", required = false)
                    Boolean concise) {
        return refusalsAsToolErrors(() -> service.ask(question, collection, concise, asker(), links()));
    }

    @Tool(
            name = "list_collections",
            description = "Lists the document collections the signed-in user may search, with their descriptions.",
            structuredContent = true)
    ReadableCollections listCollections() {
        return service.collections(asker());
    }

    private Asker asker() {
        return Asker.of(user);
    }

    private SourceLinks links() {
        return SourceLinks.of(
                request.getCurrent() == null ? null : request.getCurrent().request());
    }

    private static <T> T refusalsAsToolErrors(Supplier<T> call) {
        try {
            return call.get();
        } catch (InvalidInputException | LimitExceededException e) {
            throw new ToolCallException(e.getMessage());
        }
    }
}
