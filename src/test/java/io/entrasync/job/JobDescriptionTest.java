package io.entrasync.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code job status} for people: a synchronizationJob shaped as Microsoft documents it (synchronizationStatus,
 * synchronizationQuarantine with its {@code quarantineReason} values, synchronizationTaskExecution), and what to do
 * for each kind of quarantine.
 */
class JobDescriptionTest {

    private final ObjectMapper mapper = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SynchronizationJob quarantined(String reason) throws Exception {
        return mapper.readValue("""
                {"id": "API2AAD.0f1e2d3c4b5a69788796a5b4c3d2e1f0.5c1b2a3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                 "templateId": "API2AAD",
                 "schedule": {"expiration": null, "interval": "PT40M", "state": "Active"},
                 "status": {"code": "Quarantine", "countSuccessiveCompleteFailures": 3, "escrowsPruned": false,
                   "lastExecution": {"activityIdentifier": null, "countEntitled": 0, "countEntitledForProvisioning": 0,
                     "countEscrowed": 12, "countEscrowedRaw": 12, "countExported": 0, "countExports": 0,
                     "countImported": 40, "countImportedDeltas": 0, "countImportedReferenceDeltas": 0,
                     "error": null, "state": "Failed", "timeBegan": "2026-11-30T06:00:00Z",
                     "timeEnded": "2026-11-30T06:02:10Z"},
                   "quarantine": {"currentBegan": "2026-11-30T06:02:10Z", "nextAttempt": "2026-12-01T06:02:10Z",
                     "reason": "%s", "seriesBegan": "2026-11-29T06:02:10Z", "seriesCount": 2,
                     "error": {"code": "SystemForCrossDomainIdentityManagementCredentialsIncorrect",
                       "message": "The credentials are not valid.", "tenantActionable": true}}}}
                """.formatted(reason), SynchronizationJob.class);
    }

    @Test
    void aQuarantineIsNamedWithItsReasonSinceWhenAndWhatToDoForThatReason() throws Exception {
        String lines = String.join("\n", JobDescription.lines(quarantined("EncounteredQuarantineException")));
        assertThat(lines).contains("QUARANTINE: EncounteredQuarantineException since 2026-11-30T06:02:10Z, next"
                + " attempt 2026-12-01T06:02:10Z", "imported 40, exported 0, escrowed 12",
                "!! the job is in QUARANTINE (EncounteredQuarantineException)", "after four weeks",
                "'job restart --scope QuarantineState'");

        assertThat(JobDescription.advice(quarantined("TooManyDeletes")).orElseThrow())
                .contains("Accidental-deletion prevention", "--scope ForceDeletes --allow-force-deletes");
        assertThat(JobDescription.advice(quarantined("EncounteredEscrowProportionThreshold")).orElseThrow())
                .contains("Too many records fail");
        assertThat(JobDescription.advice(quarantined("QuarantinedOnDemand")).orElseThrow()).contains("on purpose");
    }
}
