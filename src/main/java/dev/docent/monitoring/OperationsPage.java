package dev.docent.monitoring;

import dev.docent.security.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The Operations page: quality, latency, cost, ingestion and resources over time, and open alerts, for admins. */
@Path("/operations")
@RolesAllowed(Roles.ADMIN)
public class OperationsPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance operations();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance get() {
        return Templates.operations();
    }
}
