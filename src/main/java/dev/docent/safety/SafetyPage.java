package dev.docent.safety;

import dev.docent.security.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The Safety page: what the guards blocked and flagged, for admins to review, release or delete. */
@Path("/safety")
@RolesAllowed(Roles.ADMIN)
public class SafetyPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance safety();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance get() {
        return Templates.safety();
    }
}
