package io.entrasync.config;

import java.util.Optional;

import io.smallrye.config.WithDefault;

/** One HR source ({@code sync.sources.<name>.*}) and the provisioning job it feeds. */
public interface SourceConfig {

    /** Path of the mapping file (YAML) that turns this source's records into SCIM users. */
    Optional<String> mapping();

    /** Present when this source is an HR REST API ({@code sync.sources.<name>.api.*}). */
    Optional<ApiSourceConfig> api();

    /** The provisioning job this source uploads to. */
    GraphConfig graph();

    /** The Microsoft Graph provisioning job of a source. */
    interface GraphConfig {
        /** Base URL of Microsoft Graph; the emulator's URL for local runs. */
        @WithDefault("https://graph.microsoft.com")
        String url();

        /** Graph API version used for bulkUpload ({@code beta} like Microsoft's samples, or {@code v1.0}). */
        @WithDefault("beta")
        String apiVersion();

        /** Object id of the provisioning app's service principal. */
        Optional<String> servicePrincipalId();

        /** Provisioning job id, {@code API2AAD.<hex>.<guid>} or {@code API2AD.<hex>.<guid>}. */
        Optional<String> jobId();
    }
}
