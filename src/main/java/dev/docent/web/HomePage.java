package dev.docent.web;

import dev.docent.security.CurrentUser;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The entry point: sends each user to the first page their roles open, and says goodbye after logout. */
@Path("/")
public class HomePage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance noAccess();

        static native TemplateInstance signedOut();
    }

    @Inject
    CurrentUser user;

    @GET
    @Authenticated
    @Produces(MediaType.TEXT_HTML)
    public Response home() {
        String start =
                user.isUser() ? "/chat" : user.isAdmin() ? "/documents" : user.isKnowledgeManager() ? "/gaps" : null;
        if (start == null) {
            return Response.status(Response.Status.FORBIDDEN)
                    .entity(Templates.noAccess())
                    .build();
        }
        return Response.seeOther(URI.create(start)).build();
    }

    @GET
    @Path("signed-out")
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance signedOut() {
        return Templates.signedOut();
    }
}
