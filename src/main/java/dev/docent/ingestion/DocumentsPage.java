package dev.docent.ingestion;

import dev.docent.security.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The documents page, where admins build the knowledge base. */
@Path("/documents")
@RolesAllowed(Roles.ADMIN)
public class DocumentsPage {

    @jakarta.inject.Inject
    IngestionConfig config;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance documents(
                long maxUploadMb, long maxUploadBytes, long maxZipMb, long maxZipBytes, DocumentStatus[] statuses);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance get() {
        long max = config.maxUploadSize().asLongValue();
        long zip = config.zip().maxSize().asLongValue();
        return Templates.documents(max / (1024 * 1024), max, zip / (1024 * 1024), zip, DocumentStatus.values());
    }
}
