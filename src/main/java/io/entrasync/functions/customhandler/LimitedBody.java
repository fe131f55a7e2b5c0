package io.entrasync.functions.customhandler;

import java.util.function.Consumer;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads a request body up to a limit, counting as it arrives: a body that says (Content-Length) or turns out to be
 * larger is answered 413 at once and its connection closed, so it is never held in memory (a 100 MB body costs the
 * limit at most, not 100 MB).
 */
final class LimitedBody {

    private LimitedBody() {
    }

    /**
     * Reads {@code request}'s body; hands it to {@code whole} when it is complete and within {@code maxBytes}, or to
     * {@code broken} with a reason when the upload broke off. A body past the limit is answered here.
     */
    static void read(HttpServerRequest request, long maxBytes, Consumer<Buffer> whole, Consumer<String> broken) {
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && isLongerThan(declared, maxBytes)) {
            tooLarge(request, maxBytes);
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if ((long) body.length() + chunk.length() > maxBytes) {
                refused[0] = true;
                tooLarge(request, maxBytes);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(e -> {
            if (!refused[0]) {
                refused[0] = true;
                broken.accept(String.valueOf(e.getMessage()));
            }
        });
        request.endHandler(end -> {
            if (!refused[0]) {
                whole.accept(body);
            }
        });
    }

    private static boolean isLongerThan(String contentLength, long maxBytes) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false; // Vert.x itself refuses a malformed length
        }
    }

    private static void tooLarge(HttpServerRequest request, long maxBytes) {
        String message = "{\"Outputs\":{},\"Logs\":[\"request body larger than " + maxBytes + " bytes"
                + " (sync.custom-handler.max-body-bytes)\"],\"ReturnValue\":null}";
        request.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(message)
                .onComplete(done -> request.connection().close());
    }
}
