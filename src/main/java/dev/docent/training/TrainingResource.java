package dev.docent.training;

import dev.docent.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Fine-tuning data for knowledge managers and admins: what an export would hold, and the two JSONL files. */
@Path("/api/training")
@RolesAllowed({Roles.KNOWLEDGE_MANAGER, Roles.ADMIN})
public class TrainingResource {

    static final String JSONL = "application/jsonl";

    @Inject
    TrainingExport export;

    /** How many examples each export holds, from which collections, and how many were left out. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public TrainingExport.Summary summary() {
        return export.summary();
    }

    /** Chat fine-tuning examples, OpenAI's format: one {"messages": [...]} a line. */
    @GET
    @Path("chat.jsonl")
    @Produces(JSONL)
    public Response chat() {
        return file(TrainingExport.Kind.CHAT, "docent-chat.jsonl");
    }

    /** Preference pairs for DPO, OpenAI's format: {"input", "preferred_output", "non_preferred_output"} a line. */
    @GET
    @Path("preferences.jsonl")
    @Produces(JSONL)
    public Response preferences() {
        return file(TrainingExport.Kind.PREFERENCE, "docent-preferences.jsonl");
    }

    private Response file(TrainingExport.Kind kind, String name) {
        StringBuilder body = new StringBuilder();
        export.lines(kind).forEach(line -> body.append(line).append('\n'));
        return Response.ok(body.toString(), JSONL + ";charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .build();
    }
}
