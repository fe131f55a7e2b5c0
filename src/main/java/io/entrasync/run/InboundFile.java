package io.entrasync.run;

import java.util.Optional;

/**
 * An extract dropped into the inbound container. Its first path segment names the source:
 * {@code inbound/<source>/<file>}, e.g. {@code hr/2026-11-28.csv} for the source {@code hr}.
 *
 * @param blobName the blob's name inside the inbound container
 * @param source the source name (first path segment)
 * @param fileName the rest of the name
 */
public record InboundFile(String blobName, String source, String fileName) {

    /** Splits a blob name; empty when it has no source segment (a file dropped at the container's root). */
    public static Optional<InboundFile> parse(String blobName) {
        int slash = blobName.indexOf('/');
        if (slash <= 0 || slash == blobName.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new InboundFile(blobName, blobName.substring(0, slash), blobName.substring(slash + 1)));
    }
}
