package io.entrasync.source.rest;

/**
 * A read of an HR API source cannot go on: the message says which source, which page or record, what happened and
 * what to do. A read that ends with this exception reports no new watermark, so the next run reads the same
 * changes again.
 */
public class ApiSourceException extends RuntimeException {

    public ApiSourceException(String message) {
        super(message);
    }

    public ApiSourceException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The first line of a parser's or library's message, for quoting in one of these messages. */
    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
