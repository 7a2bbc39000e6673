package dev.docent.security;

import java.util.List;

/** Docent's realm roles, as Keycloak names them. */
public final class Roles {
    /** Asks questions in the chat. */
    public static final String USER = "user";
    /** Manages documents and collections. */
    public static final String ADMIN = "admin";
    /** Reviews knowledge-gap reports. */
    public static final String KNOWLEDGE_MANAGER = "knowledge-manager";

    /** Every role Docent knows, in the order the navigation shows their pages. */
    public static final List<String> ALL = List.of(USER, ADMIN, KNOWLEDGE_MANAGER);

    private Roles() {}
}
