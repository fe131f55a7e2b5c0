package io.entrasync.emulator;

/**
 * Thrown after a bulkUpload was accepted (counted and queued for processing) to close the connection without the
 * 202: the client sees a reset and cannot tell whether the service has the upload.
 */
final class LostAnswer extends RuntimeException {
    LostAnswer() {
        super("injected lost answer", null, false, false);
    }
}
