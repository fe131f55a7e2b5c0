package io.entrasync.reconcile;

import static io.entrasync.reconcile.PublishedEntries.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.entrasync.report.RecordOutcome;

/**
 * The outcome rules over Microsoft's published entries (src/test/resources/reconcile/microsoft/): one row per case,
 * the entries of one change (by id in the published files, optionally altered), the outcome and words expected.
 */
class OutcomeRulesTest {

    private static final String CREATE_10018 = "a2c49538-5334-2e0e-22cc-53988b1bde86";
    private static final String FOLLOW_UP_10018 = "d51cd15b-2f33-06fd-882e-53929dcbb3ce";
    private static final String CREATE_10020_NO_FOLLOW_UP = "1efd7e14-23e3-f56c-9420-c8465e260d80";
    private static final String CREATE_10015 = "0d5f3c31-0fe3-c769-ade9-c43fffe13e2d";
    private static final String FOLLOW_UP_10015 = "d8a7a5bf-90e0-8a07-af1e-3041cfee34d3";
    private static final String SEPARATE_UPDATE_10015 = "a3ea4269-2b6d-20f1-f5dc-7554bb33d53e";
    private static final String CREATE_NO_MANAGER = "80f3d7e4-dbab-46b3-1ca3-1bbffc8abaa2";
    private static final String GRAPH_FAILURE = "gc532ff9-r265-ec76-861e-42e2970a8218";
    private static final String SKIPPED = "composed-skipped-redundant-export";
    private static final String DISABLE = "composed-disable";

    private static Consumer<ObjectNode> none() {
        return OutcomeRulesTest::unchanged;
    }

    private static void unchanged(ObjectNode entry) {
    }

    static Stream<Arguments> changes() {
        return Stream.of(
                row("create + follow-up with the same changeId = created, manager confirmed",
                        List.of(CREATE_10018, FOLLOW_UP_10018), none(), RecordOutcome.CREATED, null,
                        "created in Entra ID", "manager was set by the follow-up"),
                row("the follow-up read first (the API lists newest first) changes nothing",
                        List.of(FOLLOW_UP_10018, CREATE_10018), none(), RecordOutcome.CREATED, null,
                        "created in Entra ID"),
                row("create with the skip step and no follow-up = warning naming the manager and the reason",
                        List.of(CREATE_10020_NO_FOLLOW_UP), none(), RecordOutcome.WARNING,
                        "UnableToResolveReferenceAttributeValue",
                        "created in Entra ID, but its manager 10010 was not set",
                        "UnableToResolveReferenceAttributeValue", "once that manager has been sent"),
                row("another SkipReason is reported the same way, with the service's words",
                        List.of(CREATE_10020_NO_FOLLOW_UP),
                        e -> ((ObjectNode) e.path("provisioningSteps").get(3).path("details")).put("SkipReason",
                                "AttributeValidationFailed"),
                        RecordOutcome.WARNING, "AttributeValidationFailed", "manager 10010 was not set",
                        "AttributeValidationFailed", "We were unable to assign 10010"),
                row("create without a manager", List.of(CREATE_NO_MANAGER), none(), RecordOutcome.CREATED, null,
                        "created in Entra ID"),
                row("create + its follow-up of 10015 (cycle 767de129)", List.of(CREATE_10015, FOLLOW_UP_10015), none(),
                        RecordOutcome.CREATED, null, "created in Entra ID"),
                row("a separate update change (import, matching, scoping, export)", List.of(SEPARATE_UPDATE_10015),
                        none(), RecordOutcome.UPDATED, null, "updated in Entra ID", "manager set"),
                row("failure with errorInformation (Graph reference)", List.of(GRAPH_FAILURE), none(),
                        RecordOutcome.SERVICE_FAILED, "ContosoEntryConflict", "ContosoEntryConflict: Message: Contoso"),
                row("skipped: nothing to change (RedundantExport)", List.of(SKIPPED), none(), RecordOutcome.SKIPPED,
                null,
                        "nothing changed", "RedundantExport"),
                row("disable", List.of(DISABLE), none(), RecordOutcome.DISABLED, null, "disabled in Entra ID"),
                row("an update that turns accountEnabled from False to True is enabled", List.of(DISABLE),
                        e -> {
                            e.put("provisioningAction", "update");
                            ObjectNode enabled = (ObjectNode) e.path("modifiedProperties").get(0);
                            enabled.put("oldValue", "False").put("newValue", "True");
                        }, RecordOutcome.ENABLED, null, "enabled in Entra ID"),
                row("only statusInfo and action (no provisioningStatusInfo / provisioningAction)",
                        List.of(CREATE_NO_MANAGER), e -> {
                            e.remove("provisioningStatusInfo");
                            e.remove("provisioningAction");
                        }, RecordOutcome.CREATED, null, "created in Entra ID"),
                row("step types in another case (the Graph reference writes Import / Export)",
                List.of(CREATE_NO_MANAGER),
                        e -> e.path("provisioningSteps").forEach(step -> ((ObjectNode) step).put("provisioningStepType",
                                step.path("provisioningStepType").asText().toUpperCase(Locale.ROOT))),
                        RecordOutcome.CREATED, null, "created in Entra ID"),
                row("an unknown status is said, not guessed a success", List.of(CREATE_NO_MANAGER),
                        e -> ((ObjectNode) e.path("provisioningStatusInfo")).put("status", "pendingApproval"),
                        RecordOutcome.WARNING, null, "status 'pendingapproval'", "not counted as a success"),
                row("an unknown step type is said, not guessed a success", List.of(CREATE_NO_MANAGER),
                        e -> ((ObjectNode) e.path("provisioningSteps").get(1)).put("provisioningStepType", "approval"),
                        RecordOutcome.WARNING, null, "a step of type 'approval'", "not counted as a success"),
                row("an unknown provisioningAction is said, not guessed a success", List.of(CREATE_NO_MANAGER),
                        e -> e.put("provisioningAction", "merge"), RecordOutcome.WARNING, null,
                        "provisioningAction 'merge'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void theMainEntryDecidesAndTheServicesWordsAreKept(String name, List<String> ids, Consumer<ObjectNode> alter,
            RecordOutcome outcome, String errorCode, List<String> words) {
        List<LogEntryView> entries = new ArrayList<>();
        for (String id : ids) {
            ObjectNode entry = entry(id);
            alter.accept(entry);
            entries.add(PublishedEntries.view(entry));
        }

        OutcomeRules.Verdict verdict = OutcomeRules.of(entries.get(0).changeId(), entries);

        assertThat(verdict.outcome()).as(verdict.detail()).isEqualTo(outcome);
        assertThat(verdict.errorCode()).isEqualTo(errorCode);
        assertThat(verdict.detail()).contains(words);
    }

    static Stream<Arguments> cycles() {
        return Stream.of(
                Arguments.of("create, then a separate update of the same cycle = created (10015)",
                        List.of(CREATE_10015, FOLLOW_UP_10015), SEPARATE_UPDATE_10015, RecordOutcome.CREATED,
                        "created in Entra ID"),
                Arguments.of("a skipped manager set by a later change of the same cycle = created",
                        List.of(CREATE_10020_NO_FOLLOW_UP), SEPARATE_UPDATE_10015, RecordOutcome.CREATED,
                        "its manager was set by a later change"),
                Arguments.of("created, then a failing change of the same cycle = service-failed, the create kept",
                        List.of(CREATE_NO_MANAGER), GRAPH_FAILURE, RecordOutcome.SERVICE_FAILED,
                        "ContosoEntryConflict"),
                Arguments.of("created, then disabled in the same cycle = disabled", List.of(CREATE_NO_MANAGER), DISABLE,
                        RecordOutcome.DISABLED, "created in Entra ID"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cycles")
    void laterChangesOfTheSameCycleRefineTheFirst(String name, List<String> first, String later,
            RecordOutcome outcome, String words) {
        List<LogEntryView> firstEntries = first.stream().map(id -> PublishedEntries.view(entry(id))).toList();
        LogEntryView laterEntry = PublishedEntries.view(entry(later));

        OutcomeRules.Verdict verdict = OutcomeRules.refine(OutcomeRules.of("first", firstEntries),
                OutcomeRules.of("later", List.of(laterEntry)));

        assertThat(verdict.outcome()).as(verdict.detail()).isEqualTo(outcome);
        assertThat(verdict.detail()).contains(words);
        if (outcome == RecordOutcome.SERVICE_FAILED) {
            assertThat(verdict.achievedAction()).isEqualTo("create");
        }
    }

    private static Arguments row(String name, List<String> ids, Consumer<ObjectNode> alter, RecordOutcome outcome,
            String errorCode, String... words) {
        return Arguments.of(name, ids, alter, outcome, errorCode, List.of(words));
    }
}
