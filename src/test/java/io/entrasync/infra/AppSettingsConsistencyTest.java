package io.entrasync.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.infra.ConfigModel.Call;
import io.entrasync.infra.ConfigModel.Property;
import io.entrasync.infra.ConfigModel.Step;
import io.entrasync.support.TestConfig;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;

/**
 * The deployment and the code agree on app settings, both ways (there is no Bicep compiler on the build machines, so
 * this is the check that keeps them honest):
 * <ol>
 * <li>every setting the code needs in Azure is set by infra/app/function-app.bicep: each {@code %NAME%} of a
 * Functions binding, each binding connection (identity-based), each required {@code sync.*} property and the
 * properties a keyless deployment depends on;</li>
 * <li>every setting the Bicep sets is read: a {@code sync.*} property in environment form, a binding placeholder or
 * connection, or a documented Functions host setting;</li>
 * <li>the environment names really bind: SmallRye Config, given exactly the Bicep's keys, fills the mapping.</li>
 * </ol>
 * The truth about the code comes from the compiled classes ({@code @ConfigMapping} interfaces and binding
 * annotations), not from a list kept here.
 */
class AppSettingsConsistencyTest {

    private static final Path ROOT = Path.of(System.getProperty("project.basedir", "."));
    private static final Path FUNCTION_APP = ROOT.resolve("infra/app/function-app.bicep");
    private static final Path MAIN_BICEP = ROOT.resolve("infra/main.bicep");
    private static final Path MAIN_PARAMETERS = ROOT.resolve("infra/main.parameters.json");
    private static final Path LOCAL_SETTINGS = ROOT.resolve("functions/local.settings.json.example");

    /** Settings the Functions host reads (learn.microsoft.com/azure/azure-functions/functions-app-settings). */
    private static final List<Pattern> HOST_SETTINGS = List.of(
            Pattern.compile("AzureWebJobsStorage(__(credential|clientId|blobServiceUri|queueServiceUri"
                    + "|tableServiceUri|accountName))?"),
            Pattern.compile("APPLICATIONINSIGHTS_(CONNECTION_STRING|AUTHENTICATION_STRING|ENABLE_AGENT)"),
            Pattern.compile("FUNCTIONS_(EXTENSION_VERSION|WORKER_RUNTIME)"),
            Pattern.compile("AzureFunctionsJobHost__.+"));

    /** Suffixes of an identity-based connection ({@code <connection>__<suffix>}). */
    private static final Set<String> CONNECTION_SUFFIXES = Set.of("serviceUri", "blobServiceUri", "queueServiceUri",
            "accountName", "credential", "clientId");

    /**
     * Placeholders of timer triggers that are planned (reconciliation, HR API polling) but not in the code yet. The
     * Bicep already sets them; {@link #plannedSettingsAreNotInTheCodeYet()} fails once a function uses one, so that
     * it is removed from here and checked like the rest.
     */
    private static final Set<String> PLANNED_BINDING_SETTINGS = Set.of();

    /**
     * Optional in the code (they have local defaults) but needed by a keyless deployment: storage through the managed
     * identity, and a source that can upload with it.
     */
    private static final List<String> NEEDED_IN_AZURE = List.of(
            "sync.state.blob-endpoint",
            "sync.state.managed-identity-client-id",
            "sync.sources.*.mapping",
            "sync.sources.*.graph.service-principal-id",
            "sync.sources.*.graph.job-id",
            "sync.sources.*.graph.tenant",
            "sync.sources.*.auth.mode",
            "sync.sources.*.auth.client-id",
            "sync.sources.*.upload.quota.daily-calls");

    private static CompiledCode code;
    private static ConfigModel config;
    private static Map<String, Integer> bicep;

    @BeforeAll
    static void read() {
        code = CompiledCode.load();
        config = ConfigModel.of(code.configMappings());
        bicep = BicepAppSettings.read(FUNCTION_APP);
    }

    @Test
    void theCodeIsFoundByTheScan() {
        // Guards the test itself: a scan that finds nothing would make every check below pass.
        assertThat(config.byName("sync.sources.*.graph.job-id")).as("sync.* properties found").isPresent();
        assertThat(code.blobTriggeredFunctions()).as("functions started by a blob found").isNotEmpty();
        assertThat(code.placeholders()).as("binding placeholders found").isNotEmpty();
    }

    @Test
    void everyBindingPlaceholderIsSet() {
        List<String> missing = code.placeholders().stream()
                .filter(use -> !bicep.containsKey(use.setting()))
                .map(use -> "%" + use.setting() + "% (" + use.annotation() + " of function " + use.function() + ")")
                .distinct().toList();

        assertThat(missing).as("placeholders not set in %s", FUNCTION_APP).isEmpty();
    }

    @Test
    void everyBindingConnectionIsSetWithTheManagedIdentity() {
        List<String> missing = new ArrayList<>();
        for (CompiledCode.BindingUse use : code.connections()) {
            String prefix = use.setting();
            String where = " (" + use.annotation() + " of function " + use.function() + ")";
            for (String suffix : List.of("credential", "clientId")) {
                if (!bicep.containsKey(prefix + "__" + suffix)) {
                    missing.add(prefix + "__" + suffix + where);
                }
            }
            if (!bicep.containsKey(prefix + "__serviceUri") && !bicep.containsKey(prefix + "__blobServiceUri")) {
                missing.add(prefix + "__blobServiceUri" + where);
            }
            // A blob trigger parks poison blobs in a queue: with blobServiceUri it also needs queueServiceUri.
            if (use.annotation().equals("BlobTrigger") && bicep.containsKey(prefix + "__blobServiceUri")
                    && !bicep.containsKey(prefix + "__queueServiceUri")) {
                missing.add(prefix + "__queueServiceUri" + where);
            }
        }

        assertThat(missing).as("connection settings not set in %s", FUNCTION_APP).isEmpty();
    }

    @Test
    void everyPropertyTheDeploymentNeedsIsSet() {
        Set<String> needed = new LinkedHashSet<>();
        config.properties().stream().filter(Property::required).map(Property::name).forEach(needed::add);
        needed.addAll(NEEDED_IN_AZURE);

        List<String> missing = new ArrayList<>();
        for (String name : needed) {
            Optional<Property> property = config.byName(name);
            if (property.isEmpty()) {
                missing.add(name + " is no longer a property of the code: update NEEDED_IN_AZURE and the Bicep");
            } else if (bicep.keySet().stream().noneMatch(key -> property.get().envPattern().matcher(key).matches())) {
                missing.add(name + " (environment form " + property.get().envPattern() + ")");
            }
        }

        assertThat(missing).as("properties not set in %s", FUNCTION_APP).isEmpty();
    }

    @Test
    void everySettingTheBicepSetsIsReadByTheCode() {
        List<String> unread = bicep.entrySet().stream()
                .filter(e -> readBy(e.getKey()).isEmpty())
                .map(e -> e.getKey() + " (" + FUNCTION_APP.getFileName() + ":" + e.getValue() + ")")
                .toList();

        assertThat(unread).as("app settings nothing reads; remove them or fix their names").isEmpty();
    }

    @Test
    void plannedSettingsAreNotInTheCodeYet() {
        Set<String> used = code.placeholders().stream().map(CompiledCode.BindingUse::setting)
                .collect(Collectors.toSet());

        assertThat(PLANNED_BINDING_SETTINGS).as("now used by a function: remove from PLANNED_BINDING_SETTINGS")
                .doesNotContainAnyElementsOf(used);
        assertThat(bicep.keySet()).as("planned settings are set in the Bicep").containsAll(PLANNED_BINDING_SETTINGS);
    }

    @Test
    void theBicepKeysBindToTheConfigMappingUnderTheirEnvironmentNames() throws ReflectiveOperationException {
        Map<String, String> environment = new HashMap<>();
        Map<Property, Object> expected = new HashMap<>();
        for (String key : bicep.keySet()) {
            Optional<Property> property = config.byEnvName(key);
            String value = property.map(p -> sampleValue(p, key)).orElse("https://example.invalid/" + key);
            environment.put(key, value);
            property.ifPresent(p -> expected.put(p, converted(p, value)));
        }
        SmallRyeConfig smallRye = TestConfig.builder()
                .withSources(new EnvConfigSource(environment, 300))
                .build();

        for (Map.Entry<Property, Object> entry : expected.entrySet()) {
            Property property = entry.getKey();
            Object mapping = smallRye.getConfigMapping(property.root());
            assertThat(valueOf(mapping, property.steps()))
                    .as("%s read back through SmallRye Config as %s", property.name(), property.name())
                    .isEqualTo(entry.getValue());
        }
        assertThat(expected).as("Bicep keys that are sync.* properties").isNotEmpty();
    }

    @Test
    void theEventGridHookNamesAFunctionEventGridCanStart() throws IOException {
        Matcher name = Pattern.compile("(?m)^var inboundFunctionName = '([^']+)'")
                .matcher(Files.readString(FUNCTION_APP));

        assertThat(name.find()).as("var inboundFunctionName in %s", FUNCTION_APP).isTrue();
        assertThat(code.eventGridStartedFunctions())
                .as("functions with an Event Grid trigger or a blob trigger with source = EventGrid")
                .contains(name.group(1));
    }

    @Test
    void hostJsonInFunctionsIsTheOneThePackagingShips() throws IOException {
        // The Quarkus Functions extension copies <project root>/host.json and, without one, writes a default with the
        // retired extension bundle 3.x; the project layout keeps host files in functions/, so the pom copies
        // functions/host.json over that default after quarkus:build.
        JsonNode host = new ObjectMapper().readTree(ROOT.resolve("functions/host.json").toFile());

        assertThat(host.at("/extensionBundle/version").asText()).startsWith("[4.");
        assertThat(host.at("/functionTimeout").asText()).isNotEmpty();
        assertThat(ROOT.resolve("host.json")).as("a second host.json at the root").doesNotExist();
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        assertThat(pom).as("the pom copies functions/host.json into the Functions app after quarkus:build")
                .contains("<id>functions-host-files</id>")
                .contains("<outputDirectory>${project.build.directory}/azure-functions/entra-inbound-sync"
                        + "</outputDirectory>")
                .contains("<directory>functions</directory>");
        assertThat(pom.indexOf("<id>functions-host-files</id>"))
                .as("declared after the Quarkus plugin, so it runs after quarkus:build in the package phase")
                .isGreaterThan(pom.indexOf("<artifactId>quarkus-maven-plugin</artifactId>"));
    }

    @Test
    void theLocalSettingsExampleHasEveryBindingSettingAndOnlyReadSettings() throws IOException {
        JsonNode values = new ObjectMapper().readTree(LOCAL_SETTINGS.toFile()).path("Values");
        Set<String> keys = new TreeSet<>();
        values.fieldNames().forEachRemaining(keys::add);

        Set<String> needed = new TreeSet<>();
        code.placeholders().forEach(use -> needed.add(use.setting()));
        code.connections().forEach(use -> needed.add(use.setting())); // a connection string locally (Azurite)
        assertThat(keys).as("settings a local Functions host needs").containsAll(needed);

        List<String> unread = keys.stream()
                .filter(key -> readBy(key).isEmpty() && code.connections().stream()
                        .noneMatch(use -> use.setting().equals(key)))
                .toList();
        assertThat(unread).as("settings in %s that nothing reads", LOCAL_SETTINGS).isEmpty();
    }

    @Test
    void everyParameterFileEntryIsABicepParameterAndEveryRequiredParameterIsGiven() throws IOException {
        Matcher params = Pattern.compile("(?m)^param (\\w+) [^=\\n]+?( = .+)?$").matcher(Files.readString(MAIN_BICEP));
        Set<String> declared = new TreeSet<>();
        Set<String> withoutDefault = new TreeSet<>();
        while (params.find()) {
            declared.add(params.group(1));
            if (params.group(2) == null) {
                withoutDefault.add(params.group(1));
            }
        }
        JsonNode given = new ObjectMapper().readTree(MAIN_PARAMETERS.toFile()).path("parameters");
        Set<String> givenNames = new TreeSet<>();
        given.fieldNames().forEachRemaining(givenNames::add);

        assertThat(declared).as("params of main.bicep").containsAll(givenNames);
        assertThat(givenNames).as("main.parameters.json").containsAll(withoutDefault);
    }

    @Test
    void theDefaultMappingIsPackagedWithTheApp() throws IOException {
        Matcher mapping = Pattern.compile("\"mapping\": \"\\$\\{[A-Z_]+=classpath:mappings/([^}\"]+)}\"")
                .matcher(Files.readString(MAIN_PARAMETERS));

        assertThat(mapping.find()).as("default mapping of the first source in %s", MAIN_PARAMETERS).isTrue();
        // samples/mappings/ is packaged into the jar under mappings/ (ConfiguredSources loads classpath:...).
        assertThat(ROOT.resolve("samples/mappings").resolve(mapping.group(1))).exists();
    }

    /** What reads {@code key}: a host setting, a binding, or a sync.* property. Empty when nothing does. */
    private static Optional<String> readBy(String key) {
        if (HOST_SETTINGS.stream().anyMatch(p -> p.matcher(key).matches())) {
            return Optional.of("Functions host");
        }
        if (PLANNED_BINDING_SETTINGS.contains(key)
                || code.placeholders().stream().anyMatch(use -> use.setting().equals(key))) {
            return Optional.of("binding placeholder");
        }
        for (CompiledCode.BindingUse use : code.connections()) {
            String prefix = use.setting() + "__";
            if (key.startsWith(prefix) && CONNECTION_SUFFIXES.contains(key.substring(prefix.length()))) {
                return Optional.of("binding connection " + use.setting());
            }
        }
        return config.byEnvName(key).map(Property::name);
    }

    private static String sampleValue(Property property, String key) {
        Class<?> type = property.type();
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "6000";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true";
        }
        if (type == Duration.class) {
            return "PT7S";
        }
        return "value-of-" + key.toLowerCase(Locale.ROOT);
    }

    private static Object converted(Property property, String value) {
        Class<?> type = property.type();
        if (type == int.class || type == Integer.class) {
            return Integer.valueOf(value);
        }
        if (type == long.class || type == Long.class) {
            return Long.valueOf(value);
        }
        if (type == boolean.class || type == Boolean.class) {
            return Boolean.valueOf(value);
        }
        if (type == Duration.class) {
            return Duration.parse(value);
        }
        return value;
    }

    private static Object valueOf(Object mapping, List<Step> steps) throws ReflectiveOperationException {
        Object current = mapping;
        Iterator<Step> it = steps.iterator();
        while (it.hasNext()) {
            Step step = it.next();
            if (step instanceof Call call) {
                try {
                    current = call.method().invoke(current);
                } catch (InvocationTargetException e) {
                    throw new AssertionError("Reading " + call.method() + " failed", e.getCause());
                }
            } else {
                current = ((Map<?, ?>) current).get(BicepAppSettings.SOURCE_KEY);
                if (current == null) {
                    return null;
                }
            }
            if (current instanceof Optional<?> optional) {
                current = optional.orElse(null);
                if (current == null) {
                    return null;
                }
            }
        }
        return current;
    }
}
