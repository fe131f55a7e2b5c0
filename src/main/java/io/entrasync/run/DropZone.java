package io.entrasync.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;

/**
 * The containers a person sees: {@code inbound} (extracts are dropped here, {@code <source>/<file>}),
 * {@code processed} (each finished extract with its reports, {@code <source>/<runId>/<file>}) and {@code failed}
 * (unusable extracts with a {@code .error.txt} saying why).
 */
public final class DropZone {

    private final BlobContainerClient inbound;
    private final BlobContainerClient processed;
    private final BlobContainerClient failed;

    public DropZone(BlobServiceClient service, String inbound, String processed, String failed) {
        this.inbound = ensure(service.getBlobContainerClient(inbound));
        this.processed = ensure(service.getBlobContainerClient(processed));
        this.failed = ensure(service.getBlobContainerClient(failed));
    }

    private static BlobContainerClient ensure(BlobContainerClient container) {
        container.createIfNotExists();
        return container;
    }

    public BlobContainerClient inbound() {
        return inbound;
    }

    public BlobContainerClient processed() {
        return processed;
    }

    public BlobContainerClient failed() {
        return failed;
    }

    public boolean inboundExists(String blobName) {
        return inbound.getBlobClient(blobName).exists();
    }

    /** Names of the extracts waiting in the inbound container, oldest name first. */
    public List<String> waiting() {
        return inbound.listBlobs(new ListBlobsOptions(), null).stream().map(BlobItem::getName).sorted().toList();
    }

    /** The extracts waiting in the inbound container with their ETags (one listing), oldest name first. */
    public SortedMap<String, String> waitingWithEtags() {
        SortedMap<String, String> etags = new TreeMap<>();
        inbound.listBlobs(new ListBlobsOptions(), null)
                .forEach(item -> etags.put(item.getName(), item.getProperties().getETag()));
        return etags;
    }

    /** The inbound blob's ETag (its content's version), read before the blob is downloaded. */
    public String etag(String blobName) {
        return inbound.getBlobClient(blobName).getProperties().getETag();
    }

    /**
     * Copies an inbound blob to a local file, hashing it on the way: the pipeline reads the extract twice and a
     * local copy guarantees both reads see the same bytes even if someone overwrites the blob meanwhile.
     *
     * @return the SHA-256 of the content, hex
     */
    public String download(String blobName, Path target) {
        try (InputStream in = inbound.getBlobClient(blobName).openInputStream();
             OutputStream file = Files.newOutputStream(target);
             DigestOutputStream out = new DigestOutputStream(file, MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(out);
            return HexFormat.of().formatHex(out.getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read inbound/" + blobName + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a report file into the processed container. */
    public void writeProcessed(String name, Path content) {
        processed.getBlobClient(name).uploadFromFile(content.toString(), true);
    }

    public void writeProcessed(String name, byte[] content) {
        processed.getBlobClient(name).upload(BinaryData.fromBytes(content), true);
    }

    /** Copies the extract (from its local copy) into the processed container and removes it from inbound. */
    public void moveToProcessed(String blobName, Path localCopy, String processedName) {
        writeProcessed(processedName, localCopy);
        deleteInbound(blobName);
    }

    /** Moves an inbound blob to the failed container (same name) with {@code <name>.error.txt} beside it. */
    public void moveToFailed(String blobName, String error) {
        moveToFailed(blobName, blobName, error);
    }

    /** Moves an inbound blob to the failed container as {@code failedName} (for a name that is not safe to reuse). */
    public void moveToFailed(String blobName, String failedName, String error) {
        BlobClient source = inbound.getBlobClient(blobName);
        BlobClient target = failed.getBlobClient(failedName);
        try {
            try (InputStream in = source.openInputStream()) {
                target.upload(in, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not move inbound/" + blobName + " to failed/: " + e.getMessage(), e);
        } catch (BlobStorageException e) {
            if (e.getStatusCode() != 404) {
                throw e;
            }
        }
        failed.getBlobClient(failedName + ".error.txt")
                .upload(BinaryData.fromBytes((error + System.lineSeparator()).getBytes(StandardCharsets.UTF_8)), true);
        deleteInbound(blobName);
    }

    public void deleteInbound(String blobName) {
        inbound.getBlobClient(blobName).deleteIfExists();
    }
}
