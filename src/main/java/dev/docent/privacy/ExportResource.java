package dev.docent.privacy;

import dev.docent.security.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Everything Docent holds about the signed-in user, as a JSON download (access and portability). */
@Path("/api/me/export")
@Authenticated
public class ExportResource {

    @Inject
    PersonalDataService service;

    @Inject
    CurrentUser user;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response export() {
        return Response.ok(service.export(user))
                .header("Content-Disposition", "attachment; filename=\"docent-my-data.json\"")
                .header("Cache-Control", "no-store")
                .build();
    }
}
