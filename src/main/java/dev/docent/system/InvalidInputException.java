package dev.docent.system;

/** A request Docent refuses, with the HTTP status and a message that tells the user what to change. */
public class InvalidInputException extends RuntimeException {

    private final int status;

    public InvalidInputException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
