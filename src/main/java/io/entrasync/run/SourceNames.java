package io.entrasync.run;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.entrasync.text.Printable;

/**
 * The one rule for source names and inbound blob names. A source name becomes a configuration key
 * ({@code sync.sources.<name>.*}), a folder of the inbound and processed containers and part of state blob names
 * ({@code <name>/lease}), so it is limited to a safe set: 1 to 63 letters, digits, {@code -} and {@code _}, starting
 * with a letter or digit. An inbound blob name is {@code <source>/<file>}; a segment that is empty, {@code .} or
 * {@code ..}, a backslash or a control character would let one file name another place (a path traversal) and is
 * refused; so is an invisible formatting character (a bidi override U+202E, a zero-width space), which would make
 * the name read as another. A refused blob is kept under a name with all of them replaced by {@code _}.
 */
public final class SourceNames {

    public static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");
    public static final String RULE = "1 to 63 letters, digits, '-' or '_', starting with a letter or digit";

    private SourceNames() {
    }

    /** Why {@code name} cannot be a source name, or empty when it can. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("the source name is empty; use " + RULE);
        }
        if (!SAFE.matcher(name).matches()) {
            return Optional.of("'" + visible(name) + "' is not a valid source name: use " + RULE);
        }
        return Optional.empty();
    }

    /** Why {@code blobName} cannot be processed as {@code <source>/<file>}, or empty when it can. */
    public static Optional<String> blobNameProblem(String blobName) {
        for (int i = 0; i < blobName.length(); i++) {
            char c = blobName.charAt(i);
            if (Printable.isUnsafe(c) || c == '\\') {
                return Optional.of("the blob name '" + visible(blobName) + "' contains "
                        + (c == '\\' ? "a backslash" : String.format(Locale.ROOT, "the %s character U+%04X",
                                Character.isISOControl(c) ? "control" : "invisible formatting", (int) c))
                        + "; drop extracts as <source>/<file> with a plain file name");
            }
        }
        for (String segment : blobName.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                return Optional.of("the blob name '" + visible(blobName) + "' has a '" + segment
                        + "' segment, which could name another folder; drop extracts as <source>/<file>");
            }
        }
        int slash = blobName.indexOf('/');
        if (slash > 0) {
            Optional<String> source = problem(blobName.substring(0, slash));
            if (source.isPresent()) {
                return Optional.of("the folder of " + visible(blobName) + ": " + source.get());
            }
        }
        if (blobName.contains("//")) {
            return Optional.of("the blob name '" + visible(blobName) + "' has an empty segment ('//'); drop extracts"
                    + " as <source>/<file>");
        }
        return Optional.empty();
    }

    /** A name under which a refused blob can be kept in {@code failed/}: unsafe characters and segments replaced. */
    public static String safeBlobName(String blobName) {
        StringBuilder safe = new StringBuilder();
        for (String segment : blobName.split("/", -1)) {
            if (segment.isEmpty()) {
                continue;
            }
            String cleaned = segment.equals("..") || segment.equals(".") ? "_" : withoutUnsafe(segment);
            safe.append(safe.isEmpty() ? "" : "/").append(cleaned);
        }
        return safe.isEmpty() ? "_" : "refused/" + safe;
    }

    private static String withoutUnsafe(String segment) {
        StringBuilder cleaned = new StringBuilder(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            cleaned.append(Printable.isUnsafe(c) || c == '\\' ? '_' : c);
        }
        return cleaned.toString();
    }

    private static String visible(String text) {
        return Printable.escape(text);
    }
}
