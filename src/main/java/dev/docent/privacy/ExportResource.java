package dev.docent.privacy;

import dev.docent.audit.AuditLog;
import dev.docent.security.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Everything Docent holds about the signed-in user, as a JSON download (access and portability). */
@Path("/api/me/export")
@Authenticated
public class ExportResource {

    @Inject
    PersonalDataService service;

    @Inject
    CurrentUser user;

    @Inject
    AuditLog audit;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response export() {
        Object data = service.export(user);
        audit.record(user.getUsername(), AuditLog.DATA_EXPORTED, user.getUsername(), Map.of());
        return Response.ok(data)
                .header("Content-Disposition", "attachment; filename=\"docent-my-data.json\"")
                .header("Cache-Control", "no-store")
                .build();
    }
}
