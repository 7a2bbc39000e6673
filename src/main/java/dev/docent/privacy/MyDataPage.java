package dev.docent.privacy;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** "My data": download everything Docent holds about you, or erase it. */
@Path("/my-data")
@Authenticated
public class MyDataPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance myData();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance get() {
        return Templates.myData();
    }
}
