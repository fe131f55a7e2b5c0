package io.entrasync.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.entrasync.config.ExtractConfig;
import io.entrasync.config.SourceConfig;
import io.entrasync.delta.DeltaSettings;
import io.entrasync.mapping.Mapping;
import io.entrasync.mapping.MappingLoader;
import io.entrasync.source.ExtractFormat;
import io.entrasync.source.ExtractLimits;
import io.entrasync.source.ExtractOptions;
import io.entrasync.upload.UploadOverrides;
import io.entrasync.upload.UploadSettings;
import io.entrasync.validate.DirectoryCheckSettings;

/**
 * The sources of {@code sync.sources.<name>.*}. A source's mapping is loaded and compiled on first use and kept;
 * a broken mapping fails that source's runs with the mapping's own error, not the other sources.
 */
public final class ConfiguredSources implements SourceCatalog {

    /** Prefix of a mapping packaged inside the application (the samples are, under {@code mappings/}). */
    public static final String CLASSPATH = "classpath:";

    private final Map<String, SourceConfig> sources;
    private final Map<String, SourceDefinition> loaded = new ConcurrentHashMap<>();

    public ConfiguredSources(Map<String, SourceConfig> sources) {
        this.sources = Map.copyOf(sources);
    }

    @Override
    public Set<String> names() {
        return sources.keySet();
    }

    @Override
    public Optional<SourceDefinition> find(String name) {
        SourceConfig config = sources.get(name);
        if (config != null && SourceNames.problem(name).isPresent()) {
            throw new IllegalArgumentException("sync.sources." + name + ".*: " + SourceNames.problem(name).get());
        }
        if (config == null) {
            return Optional.empty();
        }
        return Optional.of(loaded.computeIfAbsent(name, n -> define(n, config)));
    }

    private static SourceDefinition define(String name, SourceConfig config) {
        String location = config.mapping().orElseThrow(() -> new IllegalStateException("Source '" + name
                + "' has no mapping: set sync.sources." + name + ".mapping to a mapping file (YAML)"));
        return new SourceDefinition(name, loadMapping(location).inTimeZone(timeZone(name, config.timeZone())),
                extractOptions(name, config.extract()),
                UploadSettings.resolve(name, Optional.of(config), UploadOverrides.NONE),
                DeltaSettings.from(name, config.fullExtract(), config.delta()),
                DirectoryCheckSettings.from(name, config.unique()));
    }

    private static ZoneId timeZone(String source, String zone) {
        try {
            return ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw new IllegalStateException("sync.sources." + source + ".time-zone: '" + zone + "' is not a time "
                    + "zone; use an IANA zone id such as Europe/Berlin, or UTC");
        }
    }

    /** Loads a mapping from a file path or from {@code classpath:<resource>}. */
    public static Mapping loadMapping(String location) {
        if (!location.startsWith(CLASSPATH)) {
            return MappingLoader.load(Path.of(location));
        }
        String resource = location.substring(CLASSPATH.length());
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Mapping " + location + " is not packaged in the application");
            }
            return MappingLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), location);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read mapping " + location + ": " + e.getMessage(), e);
        }
    }

    static ExtractOptions extractOptions(String source, ExtractConfig config) {
        String prefix = "sync.sources." + source + ".extract.";
        ExtractOptions options = ExtractOptions.defaults().withTrimValues(config.trimValues());
        try {
            if (config.format().isPresent()) {
                options = options.withFormat(ExtractFormat.parse(config.format().get()));
            }
            if (config.charset().isPresent()) {
                options = options.withCharset(ExtractOptions.parseCharset(config.charset().get()));
            }
            if (config.delimiter().isPresent()) {
                options = options.withDelimiter(ExtractOptions.parseDelimiter(config.delimiter().get()));
            }
            options = options.withLimits(new ExtractLimits(config.maxCellLength(), config.maxRowLength(),
                    config.maxPartSize(), config.maxSharedStringsSize()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Source '" + source + "': " + prefix + "* " + e.getMessage(), e);
        }
        return options;
    }
}
