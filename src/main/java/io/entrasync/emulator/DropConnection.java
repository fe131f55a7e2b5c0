package io.entrasync.emulator;

/**
 * Thrown by a handler to drop the connection without an answer: the JDK server closes the connection when a handler
 * throws before sending headers, which the client sees as a connection reset / unexpected end of stream.
 */
final class DropConnection extends RuntimeException {
    DropConnection() {
        super("injected dropped connection", null, false, false);
    }
}
