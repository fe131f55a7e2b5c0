package io.entrasync.support;

import java.time.Duration;
import java.util.Map;

import io.entrasync.config.SyncConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The app's {@code sync.*} mapping outside Quarkus, with Quarkus' duration syntax ({@code 10s}, {@code 15m}). */
public final class TestConfig {

    private TestConfig() {
    }

    /** A builder with the mapping and the converters the app has at run time; add sources and build. */
    public static SmallRyeConfigBuilder builder() {
        return new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(SyncConfig.class);
    }

    public static SyncConfig syncConfig(Map<String, String> properties) {
        return builder().withSources(new PropertiesConfigSource(properties, "test", 100)).build()
                .getConfigMapping(SyncConfig.class);
    }
}
