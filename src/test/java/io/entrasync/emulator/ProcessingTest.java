package io.entrasync.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** What the emulated service does after the 202: decisions, directory, failures, log entries. */
class ProcessingTest extends EmulatorTestBase {

    private List<LogEntry> entriesFor(String externalId) {
        return emu.logEntries().stream().filter(e -> e.sourceId().equals(externalId)).toList();
    }

    private LogEntry lastEntryFor(String externalId) {
        List<LogEntry> entries = entriesFor(externalId);
        return entries.get(entries.size() - 1);
    }

    @Test
    void createThenSkipThenUpdateThenDisableThenEnable() {
        uploadAndProcess(Scim.bulk(Scim.user("E1", "e1@example.com", true)));
        assertThat(lastEntryFor("E1").provisioningAction()).isEqualTo("create");
        assertThat(lastEntryFor("E1").status()).isEqualTo("success");
        UserView created = emu.user("E1").orElseThrow();
        assertThat(created.accountEnabled()).isTrue();
        assertThat(created.userName()).isEqualTo("e1@example.com");
        assertThat(created.attributes().path(Scim.ENTERPRISE).path("department").asText()).isEqualTo("Sales");

        uploadAndProcess(Scim.bulk(Scim.user("E1", "e1@example.com", true)));
        assertThat(lastEntryFor("E1").provisioningAction()).isEqualTo("other");
        assertThat(lastEntryFor("E1").status()).isEqualTo("skipped");

        ObjectNode changed = Scim.user("E1", "e1@example.com", true);
        ((ObjectNode) changed.get(Scim.ENTERPRISE)).put("department", "Marketing");
        uploadAndProcess(Scim.bulk(changed));
        LogEntry update = lastEntryFor("E1");
        assertThat(update.provisioningAction()).isEqualTo("update");
        assertThat(update.json().path("modifiedProperties").get(0).path("displayName").asText())
                .isEqualTo(Scim.ENTERPRISE + ":department");
        assertThat(update.json().path("modifiedProperties").get(0).path("oldValue").asText()).isEqualTo("Sales");
        assertThat(update.json().path("modifiedProperties").get(0).path("newValue").asText()).isEqualTo("Marketing");
        assertThat(update.json().path("targetIdentity").path("id").asText()).isEqualTo(created.id());

        ObjectNode leaver = Scim.user("E1", "e1@example.com", false);
        ((ObjectNode) leaver.get(Scim.ENTERPRISE)).put("department", "Marketing");
        uploadAndProcess(Scim.bulk(leaver));
        assertThat(lastEntryFor("E1").provisioningAction()).isEqualTo("disable");
        assertThat(emu.user("E1").orElseThrow().accountEnabled()).isFalse();

        ObjectNode rehire = leaver.deepCopy().put("active", true);
        uploadAndProcess(Scim.bulk(rehire));
        assertThat(lastEntryFor("E1").provisioningAction()).isEqualTo("update");
        assertThat(emu.user("E1").orElseThrow().accountEnabled()).isTrue();

        EmulatorStats stats = emu.stats();
        assertThat(stats.decisions()).containsEntry("create", 1L).containsEntry("skip", 1L).containsEntry("update", 1L)
                .containsEntry("disable", 1L).containsEntry("enable", 1L);
        assertThat(stats.records("other", "skipped")).isEqualTo(1);
        assertThat(stats.users()).isEqualTo(1);
    }

    @Test
    void aRecordWithoutActiveDisablesAnExistingUserAsTheRealServiceDoes() {
        uploadAndProcess(Scim.bulk(Scim.user("E1", "e1@example.com", true)));
        ObjectNode noActive = Scim.user("E1", "e1@example.com", true);
        noActive.remove("active");
        uploadAndProcess(Scim.bulk(noActive));
        assertThat(emu.user("E1").orElseThrow().accountEnabled()).isFalse();
        assertThat(lastEntryFor("E1").provisioningAction()).isEqualTo("disable");
    }

    @Test
    void activeMissingOnCreateFollowsTheMappingDefault() {
        ObjectNode noActive = Scim.user("E1", "e1@example.com", true);
        noActive.remove("active");
        uploadAndProcess(Scim.bulk(noActive));
        assertThat(emu.user("E1").orElseThrow().accountEnabled()).isFalse();

        emu.updateSettings(s -> s.withActiveWhenMissingOnCreate(true));
        ObjectNode other = Scim.user("E2", "e2@example.com", true);
        other.remove("active");
        uploadAndProcess(Scim.bulk(other));
        assertThat(emu.user("E2").orElseThrow().accountEnabled()).isTrue();
    }

    @Test
    void partialUpdateKeepsAttributesThatWereNotSentAndNullClears() {
        uploadAndProcess(Scim.bulk(Scim.user("7172023", "t@example.com", true)));
        upload(Scim.fixture("microsoft-example-3-partial-update.json")).then().statusCode(202);
        awaitIdle();
        UserView user = emu.user("7172023").orElseThrow();
        assertThat(user.accountEnabled()).isFalse();
        assertThat(user.attributes().path(Scim.ENTERPRISE).path("department").asText()).isEqualTo("Tour Ops");
        assertThat(user.attributes().path(Scim.ENTERPRISE).path("employeeNumber").asText()).isEqualTo("7172023");
        assertThat(user.userName()).isEqualTo("t@example.com");
        assertThat(lastEntryFor("7172023").provisioningAction()).isEqualTo("disable");

        ObjectNode clearTitle = Scim.user("7172023", "t@example.com", false);
        clearTitle.putNull("displayName");
        uploadAndProcess(Scim.bulk(clearTitle));
        assertThat(emu.user("7172023").orElseThrow().attributes().has("displayName")).isFalse();
    }

    @Test
    void microsoftsFirstExampleCreatesBothAndSkipsOnlyTheUnknownManager() {
        upload(Scim.fixture("microsoft-example-1-core-enterprise.json")).then().statusCode(202);
        awaitIdle();
        // Barbara's manager 89607 was never sent: she is created (success), her entry carries the skip step
        // (as in Microsoft's log sample) and no follow-up sets it.
        List<LogEntry> barbara = entriesFor("701984");
        assertThat(barbara).extracting(LogEntry::provisioningAction, LogEntry::status)
                .containsExactly(Tuple.tuple("create", "success"));
        JsonNode skip = barbara.get(0).json().path("provisioningSteps").get(3);
        assertThat(skip.path("name").asText()).isEqualTo("EntrySynchronizationSkip");
        assertThat(skip.path("provisioningStepType").asText()).isEqualTo("processing");
        assertThat(skip.path("status").asText()).isEqualTo("success");
        assertThat(skip.path("details").path("SkipReason").asText())
                .isEqualTo("UnableToResolveReferenceAttributeValue");
        assertThat(skip.path("details").path("PropertyName").asText()).isEqualTo("manager");
        assertThat(skip.path("details").path("89607").asText()).isEqualTo("manager Add");
        assertThat(barbara.get(0).json().path("provisioningStatusInfo").path("errorInformation").isNull()).isTrue();
        assertThat(emu.user("701984").orElseThrow().unresolvedManagerExternalId()).isEqualTo("89607");
        // Kathy's manager is Barbara, processed in the same request: skipped first, then the follow-up of the same
        // change sets it a second later (an update with one export step).
        List<LogEntry> kathy = entriesFor("701985");
        assertThat(kathy).extracting(LogEntry::provisioningAction, LogEntry::status)
                .containsExactly(Tuple.tuple("create", "success"),
                        Tuple.tuple("update", "success"));
        assertThat(kathy.get(0).changeId()).isEqualTo(kathy.get(1).changeId());
        assertThat(kathy.get(1).activityDateTime()).isEqualTo(kathy.get(0).activityDateTime().plusSeconds(1));
        assertThat(kathy.get(1).json().path("provisioningSteps").findValuesAsText("name"))
                .containsExactly("EntryExportUpdate");
        JsonNode manager = kathy.get(1).json().path("modifiedProperties").get(0);
        assertThat(manager.path("displayName").asText()).isEqualTo("manager");
        assertThat(manager.path("oldValue").isNull()).isTrue();
        assertThat(manager.path("newValue").asText()).isEqualTo(emu.user("701984").orElseThrow().id());
        assertThat(emu.user("701985").orElseThrow().managerExternalId()).isEqualTo("701984");
        assertThat(emu.stats().records("update", "failure")).isZero();
    }

    @Test
    void managerSentLaterInTheSameRequestResolvesAndAnEarlierRequestToo() {
        uploadAndProcess(Scim.bulk(Scim.withManager(Scim.user("R1", "r1@example.com", true), "M1"),
                Scim.user("M1", "m1@example.com", true)));
        assertThat(emu.user("R1").orElseThrow().managerExternalId()).isEqualTo("M1");
        assertThat(entriesFor("R1")).hasSize(2);

        // A manager processed in an earlier cycle is set in the user's own entry: no skip, no follow-up.
        uploadAndProcess(Scim.bulk(Scim.withManager(Scim.user("R2", "r2@example.com", true), "M1")));
        assertThat(emu.user("R2").orElseThrow().managerExternalId()).isEqualTo("M1");
        assertThat(entriesFor("R2")).singleElement().satisfies(entry -> {
            assertThat(entry.status()).isEqualTo("success");
            assertThat(entry.json().path("provisioningSteps").findValuesAsText("name"))
                    .doesNotContain("EntrySynchronizationSkip");
            assertThat(entry.json().path("modifiedProperties").findValuesAsText("displayName")).contains("manager");
        });

        // Same manager again: nothing changed, a single skipped entry.
        uploadAndProcess(Scim.bulk(Scim.withManager(Scim.user("R2", "r2@example.com", true), "M1")));
        assertThat(lastEntryFor("R2").status()).isEqualTo("skipped");
        assertThat(lastEntryFor("R2").provisioningAction()).isEqualTo("other");
    }

    @Test
    void aManagerUnknownToThisJobIsSkippedEvenIfAnotherJobCreatedIt() {
        emu.close();
        JobRef a = new JobRef("sp-a", "API2AAD.aaaa.1");
        JobRef b = new JobRef("sp-b", "API2AAD.bbbb.2");
        emu = ProvisioningEmulator.start(EmulatorSettings.fast().withJobs(a, b));
        job = a;
        uploadAndProcess(Scim.bulk(Scim.user("M1", "m1@example.com", true)));
        job = b;
        uploadAndProcess(Scim.bulk(Scim.withManager(Scim.user("R1", "r1@example.com", true), "M1")));
        assertThat(lastEntryFor("R1").status()).isEqualTo("success");
        assertThat(lastEntryFor("R1").json().path("provisioningSteps").findValuesAsText("SkipReason"))
                .containsExactly("UnableToResolveReferenceAttributeValue");
        assertThat(emu.user("R1").orElseThrow().managerExternalId()).isNull();
    }

    @Test
    void onlyAChangedManagerMakesASingleUpdateEntry() {
        uploadAndProcess(Scim.bulk(Scim.user("M1", "m1@example.com", true), Scim.user("M2", "m2@example.com", true),
                Scim.withManager(Scim.user("R1", "r1@example.com", true), "M1")));
        uploadAndProcess(Scim.bulk(Scim.withManager(Scim.user("R1", "r1@example.com", true), "M2")));
        LogEntry last = lastEntryFor("R1");
        List<LogEntry> lastChange = emu.logEntries().stream().filter(e -> e.changeId().equals(last.changeId()))
                .toList();
        assertThat(lastChange).hasSize(1);
        assertThat(last.provisioningAction()).isEqualTo("update");
        JsonNode manager = last.json().path("modifiedProperties").get(0);
        assertThat(manager.path("displayName").asText()).isEqualTo("manager");
        assertThat(manager.path("oldValue").asText()).isEqualTo(emu.user("M1").orElseThrow().id());
        assertThat(manager.path("newValue").asText()).isEqualTo(emu.user("M2").orElseThrow().id());
        assertThat(emu.user("R1").orElseThrow().managerExternalId()).isEqualTo("M2");
    }

    @Test
    void aUserNameHeldByAnotherUserFailsWithAConflictAndIsNotWritten() {
        uploadAndProcess(Scim.bulk(Scim.user("E1", "same@example.com", true)));
        uploadAndProcess(Scim.bulk(Scim.user("E2", "SAME@example.com", true)));
        LogEntry conflict = lastEntryFor("E2");
        assertThat(conflict.status()).isEqualTo("failure");
        assertThat(conflict.provisioningAction()).isEqualTo("create");
        assertThat(conflict.errorCode()).isEqualTo("AzureActiveDirectoryConflictEntry");
        var info = conflict.json().path("provisioningStatusInfo").path("errorInformation");
        assertThat(info.path("reason").asText()).contains("userPrincipalName").contains("E1");
        assertThat(info.path("recommendedAction").asText()).isNotBlank();
        assertThat(info.path("errorCategory").asText()).isEqualTo("nonServiceFailure");
        assertThat(emu.user("E2")).isEmpty();

        // Renaming an existing user onto a taken userName fails the same way, and the user stays as it was.
        uploadAndProcess(Scim.bulk(Scim.user("E3", "e3@example.com", true)));
        uploadAndProcess(Scim.bulk(Scim.user("E3", "same@example.com", true)));
        assertThat(lastEntryFor("E3").errorCode()).isEqualTo("AzureActiveDirectoryConflictEntry");
        assertThat(emu.user("E3").orElseThrow().userName()).isEqualTo("e3@example.com");
    }

    @Test
    void externalIdsMatchingThePatternFailWithTheConfiguredCodeAndCategory() {
        emu.updateSettings(s -> s.withFailingExternalIds("BAD-.*",
                "SystemForCrossDomainIdentityManagementServiceIncompatible", true));
        uploadAndProcess(Scim.bulk(Scim.user("BAD-1", "b1@example.com", true), Scim.user("OK-1", "o1@example.com",
                true)));
        LogEntry bad = lastEntryFor("BAD-1");
        assertThat(bad.status()).isEqualTo("failure");
        assertThat(bad.errorCode()).isEqualTo("SystemForCrossDomainIdentityManagementServiceIncompatible");
        assertThat(bad.json().path("provisioningStatusInfo").path("errorInformation").path("errorCategory").asText())
                .isEqualTo("failure");
        assertThat(emu.user("BAD-1")).isEmpty();
        assertThat(lastEntryFor("OK-1").status()).isEqualTo("success");

        emu.updateSettings(s -> s.withFailingExternalIds("BAD-.*", "PermanentProblem", false));
        uploadAndProcess(Scim.bulk(Scim.user("BAD-2", "b2@example.com", true)));
        assertThat(lastEntryFor("BAD-2").json().path("provisioningStatusInfo").path("errorInformation")
                .path("errorCategory").asText())
                .isEqualTo("nonServiceFailure");

        emu.updateSettings(s -> s.withFailingExternalIds(null, "x", false));
        uploadAndProcess(Scim.bulk(Scim.user("BAD-1", "b1@example.com", true)));
        assertThat(lastEntryFor("BAD-1").status()).isEqualTo("success");
    }

    @Test
    void everyOperationEndsInALogEntryCarryingTheDocumentedFields() {
        uploadAndProcess(Scim.bulk(Scim.user("E1", "e1@example.com", true), Scim.user("E2", "e2@example.com", true)));
        List<LogEntry> entries = emu.logEntries();
        assertThat(entries).extracting(LogEntry::sourceId).containsExactly("E1", "E2");
        ObjectNode e = entries.get(0).json();
        for (String field : List.of("id", "activityDateTime", "tenantId", "jobId", "cycleId", "changeId", "action",
                "provisioningAction", "durationInMilliseconds", "provisioningStatusInfo", "statusInfo",
                "provisioningSteps",
                "modifiedProperties", "servicePrincipal", "sourceSystem", "targetSystem", "initiatedBy",
                "sourceIdentity",
                "targetIdentity")) {
            assertThat(e.has(field)).as(field).isTrue();
        }
        assertThat(e.path("jobId").asText()).isEqualTo(job.jobId());
        assertThat(e.path("servicePrincipal").path("id").asText()).isEqualTo(job.servicePrincipalId());
        assertThat(e.path("sourceIdentity").path("id").asText()).isEqualTo("E1");
        assertThat(e.path("provisioningStatusInfo").has("errorInformation")).isTrue();
        // The shapes of Microsoft's log sample (AzureAD/entra-id-inbound-provisioning,
        // Samples/InboundAPI_logSample.txt)
        assertThat(e.path("action").asText()).isEqualTo("Create");
        assertThat(e.path("statusInfo").path("status").asText()).isEqualTo("success");
        assertThat(e.path("sourceIdentity").path("identityType").asText())
                .isEqualTo("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
        assertThat(e.path("sourceIdentity").path("displayName").asText()).isEmpty();
        assertThat(e.path("targetIdentity").path("details").path("UserPrincipalName").asText())
                .isEqualTo("e1@example.com");
        assertThat(e.path("provisioningSteps").findValuesAsText("provisioningStepType"))
                .containsExactly("import", "scoping", "matching", "export");
        assertThat(e.path("provisioningSteps").findValuesAsText("name"))
                .containsExactly("EntryImportAdd", "EntrySynchronizationScoping", "EntrySynchronizationAdd",
                "EntryExportAdd");
        assertThat(entries.get(0).cycleId()).isEqualTo(entries.get(1).cycleId());
        assertThat(entries.get(0).changeId()).isNotEqualTo(entries.get(1).changeId());
        Map<String, String> modified = e.path("modifiedProperties").findParents("displayName").stream()
                .collect(Collectors.toMap(p -> p.path("displayName").asText(), p -> p.path("newValue").asText()));
        assertThat(modified).containsEntry("accountEnabled", "True").containsEntry("employeeId", "E1")
                .containsEntry("userName", "e1@example.com").containsEntry("name.givenName", "GivenE1");
    }

    @Test
    void processingWaitsForTheProcessingDelay() {
        emu.updateSettings(s -> s.withProcessingDelay(Duration.ofSeconds(2)));
        upload(Scim.bulk(Scim.user("E1", "e1@example.com", true))).then().statusCode(202);
        assertThat(emu.pendingUploads()).isEqualTo(1);
        assertThat(emu.user("E1")).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> emu.user("E1").isPresent());
        assertThat(emu.pendingUploads()).isZero();
    }
}
