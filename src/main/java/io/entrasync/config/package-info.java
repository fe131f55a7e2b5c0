/**
 * The configuration model: every {@code sync.*} key as a documented {@code @ConfigMapping} interface, validated at
 * start-up. The pipeline stages turn these into their own settings records. Entry point:
 * {@link io.entrasync.config.SyncConfig}; a source is {@link io.entrasync.config.SourceConfig}.
 */
package io.entrasync.config;
