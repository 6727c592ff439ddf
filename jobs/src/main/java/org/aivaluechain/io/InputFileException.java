package org.aivaluechain.io;

/** A whole input file cannot be used (missing, unreadable, wrong header): the run stops with this message. */
public class InputFileException extends RuntimeException {
    public InputFileException(String message) {
        super(message);
    }

    public InputFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
