package io.entrasync.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The rules a first {@code azd up} depends on, checked in the files themselves (there is no Bicep compiler, azd or
 * Azure
 * here; {@link HookScriptsTest} runs the hook scripts against a stub Azure CLI):
 * <ul>
 * <li>the Maven wrapper is there for both platforms (azd looks for {@code mvnw} with Go's {@code exec.LookPath}, which
 * on
 * Windows only matches {@code mvnw.cmd}) and both scripts are the same wrapper release as its properties;</li>
 * <li>every hook azure.yaml names exists for both shells, and every value a hook needs is an output of main.bicep;</li>
 * <li>every Azure Resource Manager call of the hook scripts (sh and PowerShell) names the subscription and the resource
 * group;</li>
 * <li>Key Vault references resolve through the user-assigned identity; Flex Consumption parameters carry their bounds;
 * the site is created after its storage roles.</li>
 * </ul>
 */
class DeploymentRulesTest {

    private static final Path ROOT = Path.of(System.getProperty("project.basedir", "."));
    private static final Path SCRIPTS = ROOT.resolve("infra/scripts");
    private static final Path MAIN_BICEP = ROOT.resolve("infra/main.bicep");
    private static final Path FUNCTION_APP = ROOT.resolve("infra/app/function-app.bicep");
    private static final Path DEPLOYMENT_DOC = ROOT.resolve("docs/deployment.md");

    /**
     * Azure CLI command groups that call Azure Resource Manager (Graph calls, az rest / ad / account, are tenant-wide).
     */
    private static final Set<String> ARM_GROUPS = Set.of("functionapp", "eventgrid", "role", "storage", "resource",
            "group", "monitor", "keyvault", "webapp");

    /** Set by azd itself in every environment, not by main.bicep. */
    private static final Set<String> SET_BY_AZD = Set.of("AZURE_SUBSCRIPTION_ID", "AZURE_ENV_NAME", "AZURE_LOCATION");

    @Test
    void theMavenWrapperIsThereForBothPlatformsAndIsOneRelease() throws IOException {
        Properties wrapper = new Properties();
        try (var in = Files.newInputStream(ROOT.resolve(".mvn/wrapper/maven-wrapper.properties"))) {
            wrapper.load(in);
        }
        String version = wrapper.getProperty("wrapperVersion");
        String posix = Files.readString(ROOT.resolve("mvnw"));
        String windows = Files.readString(ROOT.resolve("mvnw.cmd"));

        assertThat(version).as("wrapperVersion").isNotBlank();
        assertThat(posix).as("mvnw").contains("Apache Maven Wrapper startup batch script, version " + version);
        assertThat(windows).as("mvnw.cmd").contains("Apache Maven Wrapper startup batch script, version " + version)
                .contains(".mvn/wrapper/maven-wrapper.properties").contains("\r\n");
        assertThat(wrapper.getProperty("distributionType")).as("both scripts download Maven themselves")
                .isEqualTo("only-script");
        assertThat(wrapper.getProperty("distributionUrl")).contains("/apache-maven/3.9.11/apache-maven-3.9.11-bin.zip");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void mvnwIsExecutable() {
        assertThat(Files.isExecutable(ROOT.resolve("mvnw"))).as("mvnw executable (azd runs it directly)").isTrue();
    }

    @Test
    void everyHookInAzureYamlExistsForBothShells() throws IOException {
        JsonNode hooks = new YAMLMapper().readTree(ROOT.resolve("azure.yaml").toFile()).path("hooks");
        assertThat(hooks.fieldNames()).toIterable().as("hooks").contains("postprovision", "postdeploy");

        for (String hook : List.of("postprovision", "postdeploy")) {
            JsonNode posix = hooks.path(hook).path("posix");
            JsonNode windows = hooks.path(hook).path("windows");
            assertThat(posix.path("shell").asText()).as("%s posix shell", hook).isEqualTo("sh");
            assertThat(windows.path("shell").asText()).as("%s windows shell", hook).isEqualTo("pwsh");
            assertThat(ROOT.resolve(posix.path("run").asText())).as("%s posix script", hook).isRegularFile();
            assertThat(ROOT.resolve(windows.path("run").asText())).as("%s windows script", hook).isRegularFile();
            assertThat(posix.path("run").asText().replace(".sh", ""))
                    .as("the two scripts of %s are the same steps", hook)
                    .isEqualTo(windows.path("run").asText().replace(".ps1", ""));
        }
    }

    @Test
    void everyValueTheHooksNeedIsAnOutputOfMainBicep() throws IOException {
        Set<String> outputs = new TreeSet<>();
        Matcher output = Pattern.compile("(?m)^output (\\w+) ").matcher(Files.readString(MAIN_BICEP));
        while (output.find()) {
            outputs.add(output.group(1));
        }
        Set<String> needed = new TreeSet<>();
        for (Path script : scripts()) {
            String text = joinedLines(script);
            Matcher sh = Pattern.compile("(?m)^\\s*(?:require_env|load_azd_env) (.+)$").matcher(text);
            while (sh.find()) {
                needed.addAll(List.of(sh.group(1).trim().split("\\s+")));
            }
            Matcher ps = Pattern.compile("(?:Assert-Env|Import-AzdEnv) @\\(([^)]*)\\)").matcher(text);
            while (ps.find()) {
                Matcher name = Pattern.compile("'(\\w+)'").matcher(ps.group(1));
                while (name.find()) {
                    needed.add(name.group(1));
                }
            }
        }
        needed.removeAll(SET_BY_AZD);

        assertThat(needed).as("values the hooks need (scan guard)").contains("AZURE_RESOURCE_GROUP",
                "AZURE_FUNCTION_APP_ID");
        assertThat(outputs).as("outputs of %s", MAIN_BICEP).containsAll(needed);
    }

    @Test
    void everyResourceManagerCallOfTheHookScriptsNamesTheSubscriptionAndTheResourceGroup() throws IOException {
        String groups = String.join("|", ARM_GROUPS);
        // sh: az / az_run / wait_for "..." / with_replication_retry "..." followed by an ARM command group.
        Pattern shCall = Pattern.compile("(?:\\baz_run|\\baz|^wait_for \"[^\"]*\""
                + "|^with_replication_retry \"[^\"]*\")\\s+(?:" + groups + ")\\s");
        // PowerShell: Invoke-Az <group> ..., an argument array @('<group>', ...), or an az command line in a message.
        Pattern psCall = Pattern.compile("(?:Invoke-Az|\\baz) (?:" + groups + ") |@\\('(?:" + groups + ")', ");
        List<String> calls = new ArrayList<>();
        for (Path script : scripts()) {
            String text = joinedLines(script);
            Pattern pattern = script.toString().endsWith(".sh") ? shCall : psCall;
            for (String line : text.split("\n", -1)) {
                if (line.trim().startsWith("#")) {
                    continue;
                }
                Matcher call = pattern.matcher(line.trim());
                while (call.find()) {
                    String rest = line.trim().substring(call.start());
                    if (rest.startsWith("@(")) {
                        rest = rest + text.substring(text.indexOf(line) + line.length()); // the array goes on
                        rest = rest.substring(0, closingParenthesis(rest, 1) + 1);
                    }
                    if (!rest.contains(" --") && !rest.contains("'--")) {
                        continue; // a command named in a message, e.g. "(az role assignment list)"
                    }
                    calls.add(script.getFileName() + ": " + rest);
                }
            }
        }

        // 8 since the blob-trigger branch of the subscribe hooks (its functionapp keys list) is gone (issue 13).
        assertThat(calls).as("Resource Manager calls found (scan guard)").hasSizeGreaterThanOrEqualTo(8);
        assertThat(calls).allSatisfy(call -> {
            assertThat(call).containsPattern("--subscription'?,? \"?\\$");
            assertThat(call).containsPattern("--(resource-group|scope)'?,? \"?\\$");
        });
    }

    /** Index of the parenthesis that closes the one at {@code open}, skipping quoted text. */
    private static int closingParenthesis(String text, int open) {
        int depth = 0;
        char quote = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        throw new AssertionError("unbalanced parentheses in " + text);
    }

    @Test
    void thePowerShellHooksShowTheAzureCliErrorAndCountDown() throws IOException {
        for (String name : List.of("postprovision.ps1", "subscribe-inbound-events.ps1",
                "grant-graph-permissions.ps1")) {
            String text = Files.readString(SCRIPTS.resolve(name));
            assertThat(text).as(name).contains("Write-AzFailure").doesNotContain("2>$null").doesNotContain("Out-Null");
        }
        assertThat(Files.readString(SCRIPTS.resolve("lib.ps1"))).as("lib.ps1 keeps az's stderr")
                .contains("& az @args 2>$errFile").contains("The Azure CLI said:");
        assertThat(Files.readString(SCRIPTS.resolve("subscribe-inbound-events.ps1")))
                .contains("s left").contains("'azurefunction'")
                .contains("/functions/$fn").contains("Microsoft.Storage.BlobCreated")
                .contains("/blobServices/default/containers/$($env:SYNC_INBOUND_CONTAINER)/blobs/");
    }

    @Test
    void keyVaultReferencesResolveThroughTheUserAssignedIdentity() throws IOException {
        String site = Files.readString(FUNCTION_APP);
        String module = site.substring(site.indexOf("module site 'br/public:avm/res/web/site:"));

        assertThat(module).as("the site module (AVM web/site passes it on as keyVaultReferenceIdentity)")
                .contains("userAssignedResourceIds: [identityId]")
                .contains("keyVaultAccessIdentityResourceId: identityId")
                .contains("systemAssigned: false");
        assertThat(Files.readString(DEPLOYMENT_DOC)).as("which role the identity needs on a vault")
                .contains("Key Vault Secrets User");
    }

    @Test
    void flexConsumptionParametersCarryTheirBounds() throws IOException {
        String main = Files.readString(MAIN_BICEP);

        Param memory = Param.of(main, "instanceMemoryMB");
        assertThat(memory.decorators()).contains("@allowed([512, 2048, 4096])");
        assertThat(memory.defaultValue()).as("a Java-sized default").isEqualTo("2048");

        Param instances = Param.of(main, "maximumInstanceCount");
        assertThat(instances.decorators()).contains("@minValue(1)").contains("@maxValue(1000)");
        assertThat(Integer.parseInt(instances.defaultValue())).isBetween(1, 1000);

        for (String name : List.of("dailyCallQuota", "extractRetentionDays")) {
            assertThat(Param.of(main, name).decorators()).as(name).contains("@minValue(");
        }
    }

    @Test
    void theSiteIsCreatedAfterItsStorageRoleAssignments() throws IOException {
        String main = Files.readString(MAIN_BICEP);
        String module = main.substring(main.indexOf("module functionApp "), main.indexOf("module rbac "));

        assertThat(module).contains("dependsOn: [rbac]");
    }

    @Test
    void graphPermissionsAreTheDocumentedLeastSet() throws IOException {
        Set<String> roles = Set.of("SynchronizationData-User.Upload", "AuditLog.Read.All", "Synchronization.Read.All");
        for (String name : List.of("grant-graph-permissions.sh", "grant-graph-permissions.ps1")) {
            String text = Files.readString(SCRIPTS.resolve(name));
            assertThat(text).as(name).contains(roles.toArray(String[]::new));
            assertThat(text).as("%s grants no write permission", name).doesNotContain("ReadWrite");
        }
        String doc = Files.readString(DEPLOYMENT_DOC);
        assertThat(doc).contains(roles.toArray(String[]::new)).contains("GRAPH_PERMISSIONS_FALLBACK");
        assertThat(Files.readString(MAIN_BICEP)).contains("output GRAPH_PERMISSIONS_FALLBACK string");
    }

    /** One parameter of a Bicep file: the decorator lines right above it and its default value. */
    private record Param(String decorators, String defaultValue) {

        static Param of(String bicep, String name) {
            Matcher param = Pattern.compile("(?m)^param " + name + " \\w+(?: = (.+))?$").matcher(bicep);
            assertThat(param.find()).as("param %s", name).isTrue();
            List<String> above = new ArrayList<>();
            String[] lines = bicep.substring(0, param.start()).lines().toArray(String[]::new);
            for (int i = lines.length - 1; i >= 0 && lines[i].startsWith("@"); i--) {
                above.add(0, lines[i]);
            }
            return new Param(String.join("\n", above), param.group(1) == null ? "" : param.group(1).trim());
        }
    }

    private static Set<Path> scripts() throws IOException {
        Set<Path> scripts = new LinkedHashSet<>();
        try (var files = Files.list(SCRIPTS)) {
            files.filter(f -> f.toString().endsWith(".sh") || f.toString().endsWith(".ps1")).sorted()
                    .forEach(scripts::add);
        }
        return scripts;
    }

    /** The script with continuation lines (sh {@code \}, PowerShell {@code `}) joined into one. */
    private static String joinedLines(Path script) throws IOException {
        return Files.readString(script).replaceAll("[\\\\`]\\r?\\n\\s*", " ");
    }
}
