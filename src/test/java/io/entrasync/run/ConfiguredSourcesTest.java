package io.entrasync.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.entrasync.config.SyncConfig;
import io.entrasync.source.ExtractFormat;
import io.entrasync.support.TestConfig;

class ConfiguredSourcesTest {

    private static final Map<String, String> HR = Map.of(
            "sync.sources.hr.mapping", "classpath:mappings/microsoft-sample.yaml",
            "sync.sources.hr.graph.service-principal-id", "sp",
            "sync.sources.hr.graph.job-id", "API2AAD.0a.1b",
            "sync.sources.hr.extract.format", "CSV",
            "sync.sources.hr.extract.charset", "windows-1252",
            "sync.sources.hr.extract.delimiter", "semicolon");

    @Test
    void aSourceGetsItsPackagedMappingItsReadingOptionsAndItsJob() {
        SourceDefinition hr = new ConfiguredSources(TestConfig.syncConfig(HR).sources()).find("hr").orElseThrow();

        assertThat(hr.extractOptions().format()).isEqualTo(ExtractFormat.CSV);
        assertThat(hr.extractOptions().charset()).isEqualTo(Charset.forName("windows-1252"));
        assertThat(hr.extractOptions().delimiter()).isEqualTo(';');
        assertThat(hr.upload().target().jobId()).isEqualTo("API2AAD.0a.1b");
        assertThat(hr.mapping()).isNotNull();
    }

    @Test
    void anUnknownSourceIsEmptyAndAWrongSettingNamesItsKey() {
        SyncConfig config = TestConfig.syncConfig(Map.of(
                "sync.sources.hr.mapping", "classpath:mappings/microsoft-sample.yaml",
                "sync.sources.hr.extract.delimiter", "#"));
        ConfiguredSources sources = new ConfiguredSources(config.sources());

        assertThat(sources.find("payroll")).isEmpty();
        assertThatThrownBy(() -> sources.find("hr"))
                .hasMessageContaining("sync.sources.hr.extract.")
                .hasMessageContaining("use , ; tab or |");
    }

    @Test
    void aMappingThatIsNotPackagedIsNamed() {
        assertThatThrownBy(() -> ConfiguredSources.loadMapping("classpath:mappings/nope.yaml"))
                .hasMessageContaining("classpath:mappings/nope.yaml");
    }
}
