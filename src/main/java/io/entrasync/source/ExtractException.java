package io.entrasync.source;

/**
 * The extract as a whole cannot be read: no header, a duplicate or empty column name, an I/O failure, a mapping
 * that names columns the file does not have. Nothing from such an extract may be uploaded. The message says what
 * and where, for a person.
 */
public class ExtractException extends RuntimeException {

    public ExtractException(String message) {
        super(message);
    }

    public ExtractException(String message, Throwable cause) {
        super(message, cause);
    }
}
