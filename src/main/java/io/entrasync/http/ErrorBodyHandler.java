package io.entrasync.http;

import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an HTTP answer (Graph's or an HR API's) as text: a success's body whole, an error's only up to
 * {@link #ERROR_BODY_BYTES} bytes. An error body is read for a message (its JSON error or its HTML title), and a
 * gateway may answer a 5xx with a page of any size; past the limit the client stops reading (the subscription is
 * cancelled, which closes the connection), so the rest is never buffered. The kept bytes are decoded up to the last
 * whole character, in the charset the {@code Content-Type} names (UTF-8 when it names none or one the JVM does not
 * know, as {@link HttpResponse.BodyHandlers#ofString()} does).
 */
public final class ErrorBodyHandler implements HttpResponse.BodyHandler<String> {

    /** How much of an error body is read: far more than any Graph error JSON or a gateway page's title needs. */
    public static final int ERROR_BODY_BYTES = 64 * 1024;

    private static final Pattern CHARSET = Pattern.compile("(?i);\\s*charset\\s*=\\s*\"?([^\";\\s]+)");

    private final int limit;

    public ErrorBodyHandler() {
        this(ERROR_BODY_BYTES);
    }

    ErrorBodyHandler(int limit) {
        this.limit = limit;
    }

    @Override
    public HttpResponse.BodySubscriber<String> apply(HttpResponse.ResponseInfo info) {
        Charset charset = charsetOf(info.headers());
        if (info.statusCode() >= 200 && info.statusCode() < 300) {
            return HttpResponse.BodySubscribers.ofString(charset);
        }
        return new Capped(charset, limit);
    }

    /**
     * The capped reading of an error body for HTTP clients outside Graph (the HR API connector): the first
     * {@link #ERROR_BODY_BYTES} bytes as text, then the connection is closed.
     */
    public static HttpResponse.BodySubscriber<String> cappedErrorBody(HttpResponse.ResponseInfo info) {
        return new Capped(charsetOf(info.headers()), ERROR_BODY_BYTES);
    }

    static Charset charsetOf(HttpHeaders headers) {
        Matcher charset = CHARSET.matcher(headers.firstValue("Content-Type").orElse(""));
        if (charset.find()) {
            try {
                return Charset.forName(charset.group(1));
            } catch (IllegalArgumentException unknown) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** Keeps the first {@code limit} bytes, then cancels the subscription and answers with what it kept. */
    private static final class Capped implements HttpResponse.BodySubscriber<String> {
        private final CompletableFuture<String> body = new CompletableFuture<>();
        private final Charset charset;
        private final ByteBuffer kept;
        private Flow.Subscription subscription;

        Capped(Charset charset, int limit) {
            this.charset = charset;
            this.kept = ByteBuffer.allocate(limit);
        }

        @Override
        public CompletionStage<String> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription newSubscription) {
            subscription = newSubscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (body.isDone()) {
                return; // buffers already on their way when the subscription was cancelled
            }
            for (ByteBuffer buffer : buffers) {
                int room = kept.remaining();
                if (buffer.remaining() >= room) {
                    kept.put(buffer.slice(buffer.position(), room));
                    body.complete(decode(true));
                    subscription.cancel();
                    return;
                }
                kept.put(buffer);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable error) {
            body.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            if (!body.isDone()) {
                body.complete(decode(false));
            }
        }

        /** The kept bytes as text; when {@code cut}, a character whose bytes the cut split is left out. */
        private String decode(boolean cut) {
            CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            ByteBuffer bytes = kept.flip();
            CharBuffer text = CharBuffer.allocate((int) Math.ceil(bytes.remaining() * decoder.maxCharsPerByte()));
            decoder.decode(bytes, text, !cut);
            if (!cut) {
                decoder.flush(text);
            }
            return text.flip().toString();
        }
    }
}
