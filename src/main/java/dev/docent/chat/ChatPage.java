package dev.docent.chat;

import dev.docent.feedback.FeedbackReason;
import dev.docent.llm.LanguageModels;
import dev.docent.security.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The chat page, where users ask questions about the knowledge base. */
@Path("/chat")
@RolesAllowed(Roles.USER)
public class ChatPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance chat(LanguageModels.Mode mode, FeedbackReason[] reasons);
    }

    @Inject
    LanguageModels models;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance get() {
        return Templates.chat(models.mode(), FeedbackReason.values());
    }
}
