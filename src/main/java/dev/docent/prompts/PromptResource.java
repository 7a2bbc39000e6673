package dev.docent.prompts;

import dev.docent.security.CurrentUser;
import dev.docent.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Prompt versions for knowledge managers and admins: list, read, write, compare, promote. */
@Path("/api/prompts")
@RolesAllowed({Roles.KNOWLEDGE_MANAGER, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class PromptResource {

    static final String BODY =
            "Send {\"kind\": \"answer\", \"system\": \"...\", \"user\": \"...\", \"note\": \"...\"}.";

    @Inject
    PromptVersions prompts;

    @Inject
    CurrentUser user;

    @GET
    public PromptOverview list() {
        return prompts.overview();
    }

    @GET
    @Path("{label}")
    public PromptVersion get(@PathParam("label") String label) {
        return prompts.get(label);
    }

    /** A new version, checked first: 201 with it, or 400 saying what to fix. It is not active until promoted. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull(message = BODY) NewPromptVersion request) {
        PromptVersion created = prompts.create(request, user.getUsername());
        return Response.status(Response.Status.CREATED)
                .header("Location", "/api/prompts/" + created.label())
                .entity(created)
                .build();
    }

    @GET
    @Path("{a}/diff/{b}")
    public PromptDiff diff(@PathParam("a") String a, @PathParam("b") String b) {
        return prompts.diff(a, b);
    }

    @POST
    @Path("{label}/promote")
    public PromptVersion promote(@PathParam("label") String label) {
        return prompts.promote(label, user.getUsername());
    }
}
