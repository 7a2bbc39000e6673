package dev.docent.evaluation;

import dev.docent.security.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The Evaluation page: sets, runs with their progress, comparisons and calibration, over the JSON API. */
@Path("/evaluation")
@RolesAllowed({Roles.KNOWLEDGE_MANAGER, Roles.ADMIN})
public class EvaluationPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance evaluation();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance get() {
        return Templates.evaluation();
    }
}
