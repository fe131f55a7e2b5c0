package io.entrasync.schema;

/** The job's schema could not be read or understood; the message says why and what to check. */
public final class SchemaUnreadableException extends RuntimeException {

    public SchemaUnreadableException(String message) {
        super(message, null, false, false);
    }
}
