package dev.docent.ingestion;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.system.InvalidInputException;
import dev.docent.system.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response.Status;

/**
 * Refuses an upload whose declared size is over the limit before a byte of it is read: a 413 problem, so an admin
 * dropping a huge file learns why at once instead of after a long transfer.
 */
@ApplicationScoped
public class UploadLimit {

    static final String UPLOAD_PATH = "/api/documents";

    @Inject
    IngestionConfig config;

    @Inject
    ObjectMapper json;

    static final String ZIP_PATH = "/api/documents/zip";

    void install(@Observes Router router) {
        refuseOver(router, UPLOAD_PATH, () -> config.maxUploadSize().asLongValue(), UploadLimit::tooLarge);
        refuseOver(router, ZIP_PATH, () -> config.zip().maxSize().asLongValue(), UploadLimit::zipTooLarge);
    }

    private void refuseOver(
            Router router,
            String path,
            java.util.function.LongSupplier limit,
            java.util.function.LongFunction<InvalidInputException> refusal) {
        router.route(HttpMethod.POST, path).order(-1000).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            long max = limit.getAsLong();
            // Multipart framing adds a few hundred bytes to the file itself.
            if (length != null && length.matches("\\d{1,19}") && Long.parseLong(length) > max + 64 * 1024) {
                InvalidInputException tooLarge = refusal.apply(max);
                Problem problem = Problem.of(Status.REQUEST_ENTITY_TOO_LARGE, tooLarge.getMessage(), path);
                try {
                    context.response()
                            .setStatusCode(413)
                            .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                            .putHeader(HttpHeaders.CONNECTION, "close")
                            .end(json.writeValueAsString(problem));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    context.fail(e);
                }
                return;
            }
            context.next();
        });
    }

    static InvalidInputException tooLarge(long max) {
        return new InvalidInputException(
                413,
                "This file is larger than the " + (max / (1024 * 1024)) + " MB upload limit. Split it into smaller"
                        + " documents, or ask the administrator to raise DOCENT_INGESTION_MAX_UPLOAD_SIZE.");
    }

    static InvalidInputException zipTooLarge(long max) {
        return new InvalidInputException(
                413,
                "This archive is larger than the " + (max / (1024 * 1024)) + " MB limit for a ZIP: split it into"
                        + " smaller archives, or ask the administrator to raise DOCENT_INGESTION_ZIP_MAX_SIZE.");
    }
}
