package dev.docent.sources;

/** The source as a whole could not be read (start page down, folder gone): the sync fails and removes nothing. */
public class SourceUnavailableException extends Exception {

    public SourceUnavailableException(String message) {
        super(message);
    }
}
