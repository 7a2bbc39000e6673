package dev.docent.system;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Notes when each HTTP request arrived ({@link System#nanoTime()}), before the token check and the body, so the time
 * to first token of a chat answer starts where the asker's request did.
 */
@ApplicationScoped
public class RequestArrival {

    private static final String KEY = "docent.arrived";

    /** Ahead of the security and REST handlers. */
    private static final int PRIORITY = 10_000;

    void register(@Observes Filters filters) {
        filters.register(
                rc -> {
                    rc.put(KEY, System.nanoTime());
                    rc.next();
                },
                PRIORITY);
    }

    /** When {@code request} arrived, or now when it was not noted (a call from inside the process). */
    public static long of(RoutingContext request) {
        Long arrived = request == null ? null : request.get(KEY);
        return arrived == null ? System.nanoTime() : arrived;
    }
}
