package dev.docent.review;

import dev.docent.security.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The Review page: the review queue, sets from real traffic and the training-data export, over the JSON API. */
@Path("/review")
@RolesAllowed({Roles.KNOWLEDGE_MANAGER, Roles.ADMIN})
public class ReviewPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance review();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance get() {
        return Templates.review();
    }
}
