package io.entrasync.mapping;

import java.util.List;

/**
 * CEL's {@code replace} and {@code join}, bound by the mapping with a size limit: both can build a text many times
 * longer than the row they read, so they count the result's length first and refuse past {@link #MAX_TEXT_LENGTH}
 * (the record is rejected rather than the heap filled).
 */
final class BoundedText {

    /** The longest text replace() or join() may build: 64 times the longest Entra ID user attribute. */
    static final int MAX_TEXT_LENGTH = 65_536;

    private BoundedText() {
    }

    /** A text past {@link #MAX_TEXT_LENGTH}: the record is rejected rather than the heap filled. */
    static final class TextTooLong extends RuntimeException {
        TextTooLong(String operation, long length) {
            super(operation + " would build a text of " + length + " characters, more than the limit of "
                    + MAX_TEXT_LENGTH, null, false, false);
        }
    }

    /** CEL's {@code s.replace(old, new[, n])}, refusing to build more than {@link #MAX_TEXT_LENGTH} characters. */
    static String replace(String text, String old, String replacement, long limit) {
        long count = 0;
        if (old.isEmpty()) {
            count = text.length() + 1L;
        } else {
            for (int at = text.indexOf(old); at >= 0; at = text.indexOf(old, at + old.length())) {
                count++;
            }
        }
        if (limit >= 0) {
            count = Math.min(count, limit);
        }
        long length = text.length() + count * (replacement.length() - (long) old.length());
        if (length > MAX_TEXT_LENGTH) {
            throw new TextTooLong("replace()", length);
        }
        if (count == 0) {
            return text;
        }
        StringBuilder out = new StringBuilder((int) length);
        int from = 0;
        long done = 0;
        if (old.isEmpty()) {
            for (int i = 0; i <= text.length(); i++) {
                if (done < count) {
                    out.append(replacement);
                    done++;
                }
                if (i < text.length()) {
                    out.append(text.charAt(i));
                }
            }
            return out.toString();
        }
        for (int at = text.indexOf(old); at >= 0 && done < count; at = text.indexOf(old, from)) {
            out.append(text, from, at).append(replacement);
            from = at + old.length();
            done++;
        }
        return out.append(text, from, text.length()).toString();
    }

    /** CEL's {@code list.join([separator])}, refusing to build more than {@link #MAX_TEXT_LENGTH} characters. */
    static String join(List<?> parts, String separator) {
        long length = 0;
        for (Object part : parts) {
            length += String.valueOf(part).length() + separator.length();
            if (length > MAX_TEXT_LENGTH + (long) separator.length()) {
                throw new TextTooLong("join()", length);
            }
        }
        StringBuilder out = new StringBuilder((int) Math.max(0, length - separator.length()));
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                out.append(separator);
            }
            out.append(parts.get(i));
        }
        return out.toString();
    }
}
