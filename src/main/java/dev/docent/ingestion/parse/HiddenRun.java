package dev.docent.ingestion.parse;

/**
 * Text of a document that a reader never sees but its extracted text carries (see {@link HiddenText}).
 *
 * @param text the hidden text, white space collapsed
 * @param why how it was hidden, e.g. {@code display:none} or {@code white text}
 */
public record HiddenRun(String text, String why) {}
