package dev.docent.gaps;

import dev.docent.security.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The knowledge-gaps page, where knowledge managers see what the knowledge base cannot answer. */
@Path("/gaps")
@RolesAllowed(Roles.KNOWLEDGE_MANAGER)
public class GapsPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance gaps(GapStatus[] statuses, GapCause[] causes);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance get() {
        return Templates.gaps(GapStatus.values(), GapCause.values());
    }
}
