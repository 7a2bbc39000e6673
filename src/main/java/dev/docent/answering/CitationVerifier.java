package dev.docent.answering;

/** The fifth stage: checks an answer's citations against the passages they point to before it is recorded. */
public interface CitationVerifier {

    /** The draft as it may be recorded: citations that do not hold removed, and a notice when the user should know. */
    Draft verify(Draft draft, Context context);
}
