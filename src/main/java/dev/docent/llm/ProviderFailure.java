package dev.docent.llm;

/** A language model could not give an answer; the user gets the extractive answer with {@link #notice()} instead. */
public class ProviderFailure extends Exception {

    private final String notice;

    public ProviderFailure(String notice, Throwable cause) {
        super(notice, cause);
        this.notice = notice;
    }

    /** What the user is told, without internals. */
    public String notice() {
        return notice;
    }
}
