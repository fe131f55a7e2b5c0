package io.entrasync.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the azd hook scripts (infra/scripts/*.sh) as azd does, with a stub {@code az} first on PATH that records every
 * call's arguments and answers what a test gives it (src/test/resources/infra/az-stub.sh). The PowerShell twins are
 * checked as text by {@link DeploymentRulesTest}: there is no pwsh on the build machines.
 */
@DisabledOnOs(OS.WINDOWS)
class HookScriptsTest {

    private static final Path SCRIPTS = Path.of(System.getProperty("project.basedir", ".")).resolve("infra/scripts");
    private static final String SUBSCRIPTION = "7d1c2b7a-0000-4000-8000-00000000c0de";
    private static final String GROUP = "rg-sync-prod";
    private static final String APP_ID = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + GROUP
            + "/providers/Microsoft.Web/sites/func-abc";
    private static final String STORAGE_ID = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + GROUP
            + "/providers/Microsoft.Storage/storageAccounts/stabc";
    private static final String PRINCIPAL = "5e0c9eae-ad3d-4139-5ad0-174391d110eb";
    private static final String DENIED = "Forbidden({\"error\":{\"code\":\"Authorization_RequestDenied\","
            + "\"message\":\"Insufficient privileges to complete the operation.\"}})";
    private static final String NOT_REPLICATED = "Bad Request({\"error\":{\"code\":\"Request_BadRequest\","
            + "\"message\":\"Not a valid reference update.\"}})";

    @TempDir
    Path stub;

    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void stubAzureCli() throws IOException {
        Path bin = Files.createDirectories(stub.resolve("bin"));
        Path az = bin.resolve("az");
        Files.copy(Path.of(System.getProperty("project.basedir", "."), "src/test/resources/infra/az-stub.sh"), az);
        Files.setPosixFilePermissions(az, PosixFilePermissions.fromString("rwxr-xr-x"));
        env.put("PATH", bin + ":/usr/bin:/bin"); // no azd: every value comes from the environment, as azd gives it
        env.put("AZ_STUB_DIR", stub.toString());
        env.put("TMPDIR", stub.toString());
        env.put("AZURE_SUBSCRIPTION_ID", SUBSCRIPTION);
        env.put("AZURE_RESOURCE_GROUP", GROUP);
        env.put("AZURE_FUNCTION_APP_NAME", "func-abc");
        env.put("AZURE_FUNCTION_APP_ID", APP_ID);
        env.put("AZURE_FUNCTION_APP_HOSTNAME", "func-abc.azurewebsites.net");
        env.put("AZURE_STORAGE_ACCOUNT_ID", STORAGE_ID);
        env.put("INBOUND_EVENTS_SYSTEM_TOPIC", "evgt-abc");
        env.put("INBOUND_FUNCTION_NAME", "inboundFile");
        env.put("SYNC_INBOUND_CONTAINER", "inbound");
        env.put("MANAGED_IDENTITY_PRINCIPAL_ID", PRINCIPAL);
        env.put("GRAPH_PERMISSIONS_FALLBACK", "sh infra/scripts/grant-graph-permissions.sh " + PRINCIPAL);
        // Keep the waits short; the countdown is still printed on every turn.
        env.put("INBOUND_FUNCTION_WAIT_SECONDS", "3");
        env.put("INBOUND_FUNCTION_POLL_SECONDS", "1");
        env.put("GRAPH_REPLICATION_WAIT_SECONDS", "3");
        env.put("GRAPH_RETRY_INTERVAL_SECONDS", "0");
        env.put("ROLE_ASSIGNMENT_SETTLE_SECONDS", "0");
    }

    @Test
    void theInboundSubscriptionTargetsTheEventGridTriggeredFunctionInTheAzdSubscriptionAndGroup() throws Exception {
        answer("functionapp_function_show", 1, 3, "", "ERROR: Operation returned an invalid status 'Not Found'");
        answer("functionapp_function_show", 2, 0, "eventGridTrigger", "");
        answer("eventgrid_system-topic_event-subscription_create", 1, 0, "", "");

        Result result = run("subscribe-inbound-events.sh");

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.stdout()).as("a visible countdown while the host starts").contains("s left");
        List<List<String>> calls = calls();
        assertThat(calls).hasSize(3).allSatisfy(this::namesTheSubscriptionAndGroup);
        List<String> create = calls.get(2);
        assertThat(create.subList(0, 4)).containsExactly("eventgrid", "system-topic", "event-subscription", "create");
        assertThat(valueOf(create, "--endpoint-type")).isEqualTo("azurefunction");
        assertThat(valueOf(create, "--endpoint")).isEqualTo(APP_ID + "/functions/inboundFile");
        assertThat(valueOf(create, "--included-event-types")).isEqualTo("Microsoft.Storage.BlobCreated");
        assertThat(valueOf(create,
                "--subject-begins-with")).isEqualTo("/blobServices/default/containers/inbound/blobs/");
        assertThat(valueOf(create, "--system-topic-name")).isEqualTo("evgt-abc");
        assertThat(result.stdout()).contains("now start the inboundFile function");
    }

    @Test
    void aFailingStepShowsTheAzureCliErrorAndFails() throws Exception {
        String azError = "(InvalidRequest) Destination endpoint not found. RequestId: 1b2c";
        answer("functionapp_function_show", 1, 0, "eventGridTrigger", "");
        answer("eventgrid_system-topic_event-subscription_create", 1, 1, "", azError);

        Result result = run("subscribe-inbound-events.sh");

        assertThat(result.exit()).isNotZero();
        assertThat(result.stderr()).contains(azError).contains("Creating the Event Grid subscription inbound-extracts")
                .doesNotContain("is the app deployed?");
    }

    @Test
    void aFunctionThatNeverAppearsEndsTheWaitWithTheAzureCliErrorAndWhatToCheck() throws Exception {
        String azError = "ResourceNotFound: Error retrieving function inboundFile";
        answer("functionapp_function_show", 1, 3, "", azError);

        Result result = run("subscribe-inbound-events.sh");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.stdout()).contains("3 s left").contains("2 s left");
        assertThat(result.stderr()).contains(azError).contains("Application Insights")
                .contains("az functionapp function list --subscription " + SUBSCRIPTION + " --resource-group " + GROUP);
        assertThat(calls()).allSatisfy(this::namesTheSubscriptionAndGroup)
                .noneMatch(call -> call.get(0).equals("eventgrid"));
    }

    @Test
    void aFunctionThatIsNotEventGridTriggeredIsRefusedWithoutSubscribing() throws Exception {
        // e.g. an old deployment whose inboundFile was still a blob trigger: the hook does not match that code.
        answer("functionapp_function_show", 1, 0, "blobTrigger", "");

        Result result = run("subscribe-inbound-events.sh");

        assertThat(result.exit()).isNotZero();
        assertThat(result.stderr()).contains("triggered by 'blobTrigger', not by Event Grid");
        assertThat(calls()).noneMatch(call -> call.get(0).equals("eventgrid"));
    }

    @Test
    void aDeployerWhoMayNotGrantAppRolesGetsEverythingElseAndTheFallbackCommand() throws Exception {
        graphKnowsTheRoles();
        answer("rest_GET", 1, 0, "", "");
        answer("rest_POST", 1, 1, "", DENIED);
        answer("role_assignment_list", 1, 0, "2026-11-30T08:00:00.000000+00:00", "");

        Result result = run("postprovision.sh");

        assertThat(result.exit()).as("the deployment goes on: " + result).isZero();
        assertThat(result.stderr()).contains("Authorization_RequestDenied").contains("NOT granted")
                .contains("sh infra/scripts/grant-graph-permissions.sh " + PRINCIPAL)
                .contains("Privileged Role Administrator");
        List<String> roles = calls().stream().filter(call -> call.get(0).equals("role")).findFirst().orElseThrow();
        assertThat(valueOf(roles, "--subscription")).isEqualTo(SUBSCRIPTION);
        assertThat(valueOf(roles, "--scope")).isEqualTo(STORAGE_ID);
        assertThat(result.stdout()).contains("Storage role assignments of the managed identity are in place");
    }

    @Test
    void theGrantWaitsOutReplicationDelayAndGrantsOnlyWhatIsMissing() throws Exception {
        graphKnowsTheRoles();
        answer("rest_GET", 1, 1, "", "Not Found({\"error\":{\"code\":\"Request_ResourceNotFound\"}})");
        answer("rest_GET", 2, 0, "role-audit", ""); // AuditLog.Read.All was granted before
        answer("rest_POST", 1, 1, "", NOT_REPLICATED);
        answer("rest_POST", 2, 0, "", "");

        Result result = run("grant-graph-permissions.sh");

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("replication delay")
                .contains("SynchronizationData-User.Upload: granted.")
                .contains("AuditLog.Read.All: already granted.")
                .contains("Synchronization.Read.All: granted.");
        List<String> granted = calls().stream().filter(call -> call.contains("POST"))
                .map(call -> valueOf(call, "--body")).distinct().toList();
        assertThat(granted).hasSize(2).allSatisfy(body -> assertThat(body)
                .contains("\"principalId\":\"" + PRINCIPAL + "\"").contains("\"resourceId\":\"graph-sp\""));
        assertThat(granted).anyMatch(body -> body.contains("role-upload")).anyMatch(body -> body.contains("role-sync"))
                .noneMatch(body -> body.contains("role-audit"));
    }

    @Test
    void runningTheGrantAgainChangesNothing() throws Exception {
        graphKnowsTheRoles();
        answer("rest_GET", 1, 0, "role-upload\nrole-audit\nrole-sync", "");

        Result result = run("grant-graph-permissions.sh");

        assertThat(result.exit()).isZero();
        assertThat(calls()).noneMatch(call -> call.contains("POST"));
        assertThat(result.stdout()).contains("SynchronizationData-User.Upload: already granted.");
    }

    @Test
    void theGrantRefusesToWorkInAnotherTenant() throws Exception {
        env.put("AZURE_TENANT_ID", "11111111-2222-3333-4444-555555555555");
        answer("account_show", 1, 0, "99999999-2222-3333-4444-555555555555", "");

        Result result = run("grant-graph-permissions.sh");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.stderr()).contains("az login --tenant 11111111-2222-3333-4444-555555555555");
        assertThat(calls()).noneMatch(call -> call.get(0).equals("rest"));
    }

    @Test
    void withGrantingSwitchedOffTheHookOnlyNamesTheFallback() throws Exception {
        env.put("GRANT_GRAPH_PERMISSIONS", "false");
        answer("role_assignment_list", 1, 0, "2026-11-30T08:00:00+00:00", "");

        Result result = run("postprovision.sh");

        assertThat(result.exit()).isZero();
        assertThat(result.stdout()).contains("GRANT_GRAPH_PERMISSIONS=false")
                .contains("sh infra/scripts/grant-graph-permissions.sh " + PRINCIPAL);
        assertThat(calls()).extracting(call -> call.get(0)).containsExactly("role");
    }

    @Test
    void freshStorageRoleAssignmentsAreGivenTimeToApply() throws Exception {
        env.put("GRANT_GRAPH_PERMISSIONS", "false");
        env.put("ROLE_ASSIGNMENT_SETTLE_SECONDS", "2");
        env.put("ROLE_ASSIGNMENT_POLL_SECONDS", "1");
        answer("role_assignment_list", 1, 0, "2026-11-30T08:00:00+00:00\n" + Instant.now(), "");

        Result result = run("postprovision.sh");

        assertThat(result.exit()).isZero();
        assertThat(result.stdout()).containsPattern("Waiting [12] s more before the code is deployed")
                .contains("are in place");
    }

    @Test
    void aMissingStorageRoleAssignmentStopsTheDeployment() throws Exception {
        env.put("GRANT_GRAPH_PERMISSIONS", "false");
        answer("role_assignment_list", 1, 0, "", "");

        Result result = run("postprovision.sh");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.stderr()).contains("no role assignment on " + STORAGE_ID).contains("azd provision");
    }

    @Test
    void aValueAzdDidNotProvideIsNamed() throws Exception {
        env.remove("AZURE_RESOURCE_GROUP");

        Result result = run("subscribe-inbound-events.sh");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.stderr()).contains("AZURE_RESOURCE_GROUP is not set");
        assertThat(calls()).isEmpty();
    }

    private void graphKnowsTheRoles() throws IOException {
        answer("ad_sp_show", 1, 0, "graph-sp", "");
        answer("ad_sp_show", 2, 0, "SynchronizationData-User.Upload\trole-upload\nAuditLog.Read.All\trole-audit\n"
                + "Synchronization.Read.All\trole-sync\nDirectory.Read.All\trole-directory", "");
    }

    private void namesTheSubscriptionAndGroup(List<String> call) {
        assertThat(valueOf(call, "--subscription")).as("--subscription of %s", call).isEqualTo(SUBSCRIPTION);
        assertThat(valueOf(call, "--resource-group")).as("--resource-group of %s", call).isEqualTo(GROUP);
    }

    /** What the stub answers to the n-th call of a command (its words joined by '_', az rest + its method). */
    private void answer(String command, int n, int exit, String stdout, String stderr) throws IOException {
        Files.writeString(stub.resolve(command + "." + n + ".out"), stdout);
        Files.writeString(stub.resolve(command + "." + n + ".err"), stderr);
        Files.writeString(stub.resolve(command + "." + n + ".rc"), Integer.toString(exit));
    }

    private Result run(String script) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("sh", SCRIPTS.resolve(script).toString())
                .directory(stub.toFile())
                .redirectOutput(stub.resolve("stdout.txt").toFile())
                .redirectError(stub.resolve("stderr.txt").toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(script + " did not finish in 60 s");
        }
        return new Result(process.exitValue(), Files.readString(stub.resolve("stdout.txt")),
                Files.readString(stub.resolve("stderr.txt")));
    }

    /** The recorded az calls, each as its list of arguments. */
    private List<List<String>> calls() throws IOException {
        Path log = stub.resolve("calls.log");
        List<List<String>> calls = new ArrayList<>();
        if (!Files.exists(log)) {
            return calls;
        }
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.equals("CALL")) {
                calls.add(new ArrayList<>());
            } else {
                calls.get(calls.size() - 1).add(line.substring(2));
            }
        }
        return calls;
    }

    private static String valueOf(List<String> call, String option) {
        int at = call.indexOf(option);
        return at < 0 || at + 1 >= call.size() ? null : call.get(at + 1);
    }

    private record Result(int exit, String stdout, String stderr) {
    }
}
