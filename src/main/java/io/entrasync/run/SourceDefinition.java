package io.entrasync.run;

import io.entrasync.delta.DeltaSettings;
import io.entrasync.mapping.Mapping;
import io.entrasync.source.ExtractOptions;
import io.entrasync.upload.UploadSettings;

/**
 * Everything needed to run one source's extracts: how to read them, how to map them and where to upload them.
 *
 * @param name the source's name (the inbound folder)
 * @param mapping its compiled mapping
 * @param extractOptions charset, delimiter, format overrides
 * @param upload its provisioning job and limits
 * @param delta delta sync, leavers and the mass-change guard
 */
public record SourceDefinition(String name, Mapping mapping, ExtractOptions extractOptions, UploadSettings upload,
        DeltaSettings delta) {

    /** A source with the default delta settings (delta on, extracts not declared complete). */
    public SourceDefinition(String name, Mapping mapping, ExtractOptions extractOptions, UploadSettings upload) {
        this(name, mapping, extractOptions, upload, DeltaSettings.DEFAULT);
    }
}
