package dev.docent.chat;

/** Where a question was asked; recorded with its answer ({@code messages.channel}). */
public enum Channel {
    /** The chat page and {@code /api/chat}. */
    CHAT("chat"),
    /** An agent through the MCP server ({@code /mcp}). */
    MCP("mcp");

    private final String code;

    Channel(String code) {
        this.code = code;
    }

    /** The value stored in {@code messages.channel}. */
    public String code() {
        return code;
    }
}
