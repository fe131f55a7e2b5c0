package io.entrasync.run;

import io.entrasync.delta.DeltaSettings;
import io.entrasync.mapping.Mapping;
import io.entrasync.source.ExtractOptions;
import io.entrasync.upload.UploadSettings;
import io.entrasync.validate.DirectoryCheckSettings;

/**
 * Everything needed to run one source's extracts: how to read them, how to map them and where to upload them.
 *
 * @param name the source's name (the inbound folder)
 * @param mapping its compiled mapping
 * @param extractOptions charset, delimiter, format overrides
 * @param upload its provisioning job and limits
 * @param delta delta sync, leavers and the mass-change guard
 * @param directoryCheck whether unique values given for the first time are looked up in the directory
 */
public record SourceDefinition(String name, Mapping mapping, ExtractOptions extractOptions, UploadSettings upload,
        DeltaSettings delta, DirectoryCheckSettings directoryCheck) {

    /** A source without the directory check. */
    public SourceDefinition(String name, Mapping mapping, ExtractOptions extractOptions, UploadSettings upload,
            DeltaSettings delta) {
        this(name, mapping, extractOptions, upload, delta, DirectoryCheckSettings.OFF);
    }

    /** A source with the default delta settings (delta on, extracts not declared complete). */
    public SourceDefinition(String name, Mapping mapping, ExtractOptions extractOptions, UploadSettings upload) {
        this(name, mapping, extractOptions, upload, DeltaSettings.DEFAULT);
    }
}
