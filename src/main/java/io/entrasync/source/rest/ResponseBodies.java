package io.entrasync.source.rest;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.entrasync.auth.SecretScrubber;
import io.entrasync.http.ErrorBodyHandler;
import io.entrasync.text.Printable;

/**
 * The spooled bodies of HR API answers: spooling one (an error's only in part), what a message may quote of one,
 * whether one is blank, and deleting one.
 */
final class ResponseBodies {

    static final int ERROR_BODY_CHARS = 500;
    private static final int BLANK_BODY_MAX_BYTES = 64;

    private ResponseBodies() {
    }

    /**
     * The first {@value #ERROR_BODY_CHARS} characters of a body, white space folded, secrets masked: what a message may
     * quote of an HR server's answer. Counted in characters, never cutting one in half.
     */
    static String errorBody(Path body) {
        try (Reader in = new InputStreamReader(Files.newInputStream(body), StandardCharsets.UTF_8)) {
            char[] head = new char[ERROR_BODY_CHARS + 1];
            int read = 0;
            for (int n; read < head.length && (n = in.read(head, read, head.length - read)) > 0; ) {
                read += n;
            }
            return Printable.escape(SecretScrubber.PATTERNS.scrub(clip(new String(head, 0, read))
                    .replaceAll("\\s+", " ").trim()));
        } catch (IOException e) {
            return "";
        }
    }

    /** Whether a body holds nothing but white space (a page of records is never this short). */
    static boolean blank(Path body) {
        try {
            return Files.size(body) <= BLANK_BODY_MAX_BYTES
                    && new String(Files.readAllBytes(body), StandardCharsets.UTF_8).isBlank();
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code text} cut to {@value #ERROR_BODY_CHARS} characters, never between the two halves of a surrogate pair. */
    static String clip(String text) {
        if (text.length() <= ERROR_BODY_CHARS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(ERROR_BODY_CHARS - 1)) ? ERROR_BODY_CHARS - 1
                : ERROR_BODY_CHARS;
        return text.substring(0, end);
    }

    static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover temp file is harmless
        }
    }

    /**
     * A 2xx body whole to {@code file}; any other body only as far as a message quotes it: its first 64 KiB, read by
     * the rule the Graph client uses ({@link ErrorBodyHandler#cappedErrorBody}), after which the connection is closed,
     * so an HR gateway's endless error page never fills the disk.
     */
    static HttpResponse.BodyHandler<Path> spoolTo(Path file) {
        return info -> info.statusCode() >= 200 && info.statusCode() < 300
                ? HttpResponse.BodySubscribers.ofFile(file)
                : HttpResponse.BodySubscribers.mapping(ErrorBodyHandler.cappedErrorBody(info), text -> {
                    try {
                        return Files.writeString(file, text);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }
}
