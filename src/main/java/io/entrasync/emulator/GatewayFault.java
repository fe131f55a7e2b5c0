package io.entrasync.emulator;

/**
 * Thrown by the bulkUpload handler for an injected gateway error: the router answers with {@code status} and the
 * HTML page as a front end would, not with a Graph JSON error.
 */
final class GatewayFault extends RuntimeException {
    final int status;
    final String html;

    GatewayFault(int status, String html) {
        super("injected gateway error " + status, null, false, false);
        this.status = status;
        this.html = html;
    }
}
