package io.entrasync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

/**
 * Every {@code sync.*} key of the configuration model has Javadoc on its method and is listed in the docs
 * (docs/configuration.md or docs/hr-api-sources.md), so that the next key added cannot go undocumented. The keys are
 * derived from the {@code @ConfigMapping} interfaces the app binds, the way SmallRye Config names them.
 */
class ConfigDocumentationTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final List<Path> DOCS = List.of(Path.of("docs/configuration.md"), Path.of("docs/hr-api-sources.md"));
    /** Prefixes under which the docs' tables give keys relative to their section. */
    private static final List<String> SECTION_PREFIXES = List.of("sync.", "sync.sources.<name>.",
            "sync.sources.<name>.api.");
    private static final Pattern CODE = Pattern.compile("`([^`\\s]+)`");

    /** A key, and whether it only holds other keys (a group is documented by its members, its method by Javadoc). */
    record Key(String name, Method method, boolean group) {
    }

    private static List<Key> keys;

    @BeforeAll
    static void walkTheModel() {
        keys = new ArrayList<>();
        walk(SyncConfig.class, "sync", keys, new HashSet<>());
    }

    @Test
    void theModelHasTheKeysItIsKnownFor() {
        assertThat(keys).extracting(Key::name).contains("sync.state.blob-endpoint", "sync.files.inbound-container",
                "sync.sources.<name>.graph.job-id", "sync.sources.<name>.api.preset");
    }

    @Test
    void everyKeyHasJavadocOnItsMethod() throws IOException {
        List<String> undocumented = new ArrayList<>();
        for (Key key : keys) {
            if (!hasJavadoc(key.method())) {
                undocumented.add(key.name() + " (" + key.method().getDeclaringClass().getName() + "."
                        + key.method().getName() + ")");
            }
        }
        assertThat(undocumented).as("config methods without Javadoc").isEmpty();
    }

    @Test
    void everyKeyIsInTheDocs() throws IOException {
        Set<String> documented = new HashSet<>();
        for (Path doc : DOCS) {
            Matcher code = CODE.matcher(Files.readString(doc));
            while (code.find()) {
                documented.add(code.group(1));
            }
        }
        Set<String> missing = new TreeSet<>();
        for (Key key : keys) {
            if (!key.group() && !isDocumented(key.name(), documented)) {
                missing.add(key.name());
            }
        }
        assertThat(missing).as("sync.* keys missing from docs/configuration.md and docs/hr-api-sources.md").isEmpty();
    }

    private static boolean isDocumented(String key, Set<String> documented) {
        boolean map = key.endsWith(".*");
        String stem = map ? key.substring(0, key.length() - 2) : key;
        List<String> forms = new ArrayList<>(List.of(stem));
        for (String prefix : SECTION_PREFIXES) {
            if (stem.startsWith(prefix) && stem.length() > prefix.length()) {
                forms.add(stem.substring(prefix.length()));
            }
        }
        for (String form : forms) {
            if (documented.contains(form)) {
                return true;
            }
            if (map && documented.stream().anyMatch(text -> text.startsWith(form + "."))) {
                return true;
            }
        }
        return false;
    }

    private static void walk(Class<?> group, String prefix, List<Key> into, Set<Class<?>> path) {
        if (!path.add(group)) {
            return;
        }
        for (Method method : group.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0) {
                continue;
            }
            String name = method.isAnnotationPresent(WithParentName.class) ? prefix
                    : prefix + "." + (method.isAnnotationPresent(WithName.class)
                            ? method.getAnnotation(WithName.class).value() : kebab(method.getName()));
            Type type = method.getGenericReturnType();
            Class<?> raw = raw(type);
            if (raw == Optional.class) {
                type = argument(type, 0);
                raw = raw(type);
            }
            if (raw == Map.class) {
                Class<?> values = raw(argument(type, 1));
                if (isGroup(values)) {
                    into.add(new Key(name, method, true));
                    walk(values, name + ".<name>", into, path);
                } else {
                    into.add(new Key(name + ".*", method, false));
                }
            } else if (isGroup(raw)) {
                into.add(new Key(name, method, true));
                walk(raw, name, into, path);
            } else {
                into.add(new Key(name, method, false));
            }
        }
        path.remove(group);
    }

    private static boolean isGroup(Class<?> type) {
        return type.isInterface() && type.getName().startsWith("io.entrasync.");
    }

    private static Class<?> raw(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        return type instanceof Class<?> plain ? plain : Object.class;
    }

    private static Type argument(Type type, int index) {
        return ((ParameterizedType) type).getActualTypeArguments()[index];
    }

    static String kebab(String method) {
        return method.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** True when the method's declaration in its source file is preceded by a Javadoc comment (annotations between). */
    private static boolean hasJavadoc(Method method) throws IOException {
        Class<?> top = method.getDeclaringClass();
        while (top.getEnclosingClass() != null) {
            top = top.getEnclosingClass();
        }
        Path file = SOURCES.resolve(top.getName().replace('.', '/') + ".java");
        List<String> lines = Files.readAllLines(file);
        String inner = method.getDeclaringClass().getSimpleName();
        boolean inType = method.getDeclaringClass() == top;
        Pattern declaration = Pattern.compile("^\\s*[\\w.<>, ?\\[\\]]+\\s+" + method.getName() + "\\(\\s*\\)\\s*;");
        Pattern typeStart = Pattern.compile("\\b(interface|class|record)\\s+" + inner + "\\b");
        for (int i = 0; i < lines.size(); i++) {
            if (!inType && typeStart.matcher(lines.get(i)).find()) {
                inType = true;
            }
            if (inType && declaration.matcher(lines.get(i)).find()) {
                int j = i - 1;
                while (j >= 0 && lines.get(j).trim().startsWith("@")) {
                    j--;
                }
                return j >= 0 && lines.get(j).trim().endsWith("*/") && javadocStarts(lines, j);
            }
        }
        return false;
    }

    private static boolean javadocStarts(List<String> lines, int end) {
        for (int j = end; j >= 0; j--) {
            String line = lines.get(j).trim();
            if (line.startsWith("/**")) {
                return true;
            }
            if (line.startsWith("/*") || (!line.startsWith("*") && j != end)) {
                return false;
            }
        }
        return false;
    }

    @Test
    void kebabCaseIsSmallRyesNaming() {
        assertThat(kebab("blobEndpoint")).isEqualTo("blob-endpoint");
        assertThat(kebab("maxInFlight")).isEqualTo("max-in-flight");
        assertThat(OptionalInt.empty()).isEmpty();
        assertThat(OptionalLong.empty()).isEmpty();
    }
}
