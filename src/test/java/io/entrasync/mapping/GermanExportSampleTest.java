package io.entrasync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.entrasync.source.ExtractInput;
import io.entrasync.validate.ExtractOutcome;
import io.entrasync.validate.ExtractPipeline;
import io.entrasync.validate.ExtractSummary;

/** The worked example of docs/mapping.md: samples/extracts/personal-de.csv with samples/mappings/personal-de.yaml. */
class GermanExportSampleTest {

    @Test
    void theGermanExportMapsAsTheDocsSay() {
        Mapping mapping = MappingLoader.load(Path.of("samples/mappings/personal-de.yaml"))
                .inTimeZone(ZoneId.of("Europe/Berlin"))
                .at(Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneId.of("UTC")));
        Map<String, ExtractOutcome.Valid> valid = new LinkedHashMap<>();
        ExtractSummary summary = ExtractPipeline.process(ExtractInput.of(Path.of("samples/extracts/personal-de.csv")),
                mapping, outcome -> valid.put(outcome.externalId(), (ExtractOutcome.Valid) outcome));

        assertThat(summary.recordsRead()).isEqualTo(7);
        assertThat(summary.valid()).isEqualTo(7);
        assertThat(valid.values()).extracting(v -> v.user().data().get("userName").textValue()).containsExactly(
                "juergen.weiss@contoso.de", "aennchen.mueller-luedenscheidt@contoso.de",
                "lukasz.wasowski@contoso.de", "guelsen.yilmaz@contoso.de", "soren.aero@contoso.de",
                "zoe.oeztuerk@contoso.de", "hans-peter.gross@contoso.de");
        assertThat(valid.values()).extracting(v -> v.user().data().get("active").booleanValue())
                .containsExactly(true, true, true, true, false, false, true);
        assertThat(valid.get("1003").user().managerExternalId()).contains("1002");
        assertThat(valid.get("1001").user().data().get("displayName").textValue()).isEqualTo("Jürgen Weiß");
        // the exit ahead comes due at midnight in Berlin, the pre-hire on the start day; 31.12.9999 is no date
        assertThat(valid.get("1002").comingChange().at()).isEqualTo(Instant.parse("2027-03-30T22:00:00Z"));
        assertThat(valid.get("1006").comingChange().at()).isEqualTo(Instant.parse("2027-04-30T22:00:00Z"));
        assertThat(valid.get("1007").comingChange()).isNull();
        assertThat(valid.get("1005").comingChange()).as("left in 2024").isNull();
    }
}
