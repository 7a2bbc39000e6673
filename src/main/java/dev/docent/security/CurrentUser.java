package dev.docent.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.security.Principal;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The signed-in user of the current request: name, Docent roles and Keycloak groups. Templates read it as
 * {@code inject:currentUser}.
 */
@Named("currentUser")
@RequestScoped
public class CurrentUser {

    private final SecurityIdentity identity;

    @Inject
    public CurrentUser(SecurityIdentity identity) {
        this.identity = identity;
    }

    public boolean isAuthenticated() {
        return !identity.isAnonymous();
    }

    /** The login name (Keycloak's {@code preferred_username}). */
    public String getUsername() {
        return isAuthenticated() ? identity.getPrincipal().getName() : "";
    }

    /**
     * The account's stable id (the token's {@code sub}): what Docent keys a person's conversations on, since a user
     * name can be changed or given to someone else. Null when not signed in or the token has none.
     */
    public String getSubject() {
        return isAuthenticated() && identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getSubject() : null;
    }

    /** A name for people to read: the token's full name when it has one, the login name otherwise. */
    public String getDisplayName() {
        String name = claim("name");
        return name == null || name.isBlank() ? getUsername() : name;
    }

    public String getEmail() {
        return claim("email");
    }

    /** The Docent roles this user holds (Keycloak's own default roles are left out). */
    public List<String> getRoles() {
        return Roles.ALL.stream().filter(identity::hasRole).toList();
    }

    /**
     * The Keycloak groups this user belongs to, as paths without the leading slash ({@code hr} for {@code /hr},
     * {@code engineering/hr} for a subgroup); collections may be restricted to them.
     */
    public Set<String> getGroups() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getGroups() != null) {
            return groupPaths(jwt.getGroups());
        }
        return Set.of();
    }

    /**
     * Group paths from the token's {@code groups} claim, which must carry full paths (the realm's group mapper with
     * "full group path" on). A bare name is ambiguous (any group named {@code hr}, at any depth, would pass as
     * {@code /hr}), so it grants nothing.
     */
    static Set<String> groupPaths(java.util.Collection<String> claim) {
        Set<String> paths = new TreeSet<>();
        for (String group : claim) {
            if (group != null && group.startsWith("/") && group.length() > 1) {
                paths.add(group.substring(1));
            }
        }
        return paths;
    }

    public boolean isUser() {
        return identity.hasRole(Roles.USER);
    }

    public boolean isAdmin() {
        return identity.hasRole(Roles.ADMIN);
    }

    public boolean isKnowledgeManager() {
        return identity.hasRole(Roles.KNOWLEDGE_MANAGER);
    }

    private String claim(String name) {
        Principal principal = identity.getPrincipal();
        if (principal instanceof JsonWebToken jwt && jwt.getClaim(name) instanceof Object value) {
            return value.toString().replaceAll("^\"|\"$", "");
        }
        return null;
    }
}
