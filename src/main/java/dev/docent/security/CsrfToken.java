package dev.docent.security;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The CSRF token of the current browser, for pages to hand to their scripts ({@code <meta name="csrf-token">}) and
 * forms ({@code ?csrf=}); templates read it as {@code inject:csrf.token}. {@link CsrfFilter} issues and checks it.
 */
@Named("csrf")
@RequestScoped
public class CsrfToken {

    @Inject
    CurrentVertxRequest request;

    public String getToken() {
        Object token =
                request.getCurrent() == null ? null : request.getCurrent().get(CsrfFilter.TOKEN_KEY);
        return token == null ? "" : token.toString();
    }
}
