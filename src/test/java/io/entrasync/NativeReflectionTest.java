package io.entrasync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Keeps {@link NativeReflection} complete: a native image only knows the constructors, fields and accessors Jackson
 * reflects on when the type is registered. The Jackson-bound types are found from the code itself: classes with
 * Jackson annotations, {@code X.class} handed to a read ({@code readValue}, {@code treeToValue}, {@code convertValue},
 * the stores' {@code parse(…, X.class)}), {@code TypeReference} arguments, the declared types of what is handed to
 * {@code writeValue…} or a store's {@code json(…)}, and then every project type reachable from those through record
 * components, fields and sealed subtypes.
 */
class NativeReflectionTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Path CLASSES = Path.of("target/classes");
    private static final Pattern READ = Pattern.compile(
            "(?:readValue|treeToValue|convertValue|readerFor|parse)\\([^;]*?\\b([A-Z]\\w*(?:\\.[A-Z]\\w*)*)\\.class");
    private static final Pattern TYPE_REFERENCE = Pattern.compile("TypeReference<(.+?)>\\s*\\(");
    private static final Pattern WRITE = Pattern.compile(
            "(?:writeValueAsBytes|writeValueAsString|writeValue|json)\\((\\w+)\\)");
    private static final Pattern NAME = Pattern.compile("\\b[A-Z]\\w*");

    @Test
    void everyJacksonBoundTypeIsRegisteredForReflection() throws IOException {
        Map<String, List<Class<?>>> bySimpleName = new HashMap<>();
        List<Class<?>> all = projectClasses();
        all.forEach(c -> bySimpleName.computeIfAbsent(c.getSimpleName(), k -> new ArrayList<>()).add(c));

        Set<Class<?>> roots = new LinkedHashSet<>();
        all.stream().filter(NativeReflectionTest::hasJacksonAnnotation).forEach(roots::add);
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                String pkg = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
                names(source, READ, 1).forEach(n -> roots.addAll(lookup(bySimpleName, n, pkg)));
                Matcher references = TYPE_REFERENCE.matcher(source);
                while (references.find()) {
                    Matcher inner = NAME.matcher(references.group(1));
                    while (inner.find()) {
                        roots.addAll(lookup(bySimpleName, inner.group(), pkg));
                    }
                }
                for (String variable : names(source, WRITE, 1)) {
                    Matcher declaration = Pattern.compile("\\b([A-Z]\\w*(?:\\.[A-Z]\\w*)*)(?:<[^;=()]*>)?\\s+"
                            + Pattern.quote(variable) + "\\s*[=;,)]").matcher(source);
                    if (declaration.find()) {
                        roots.addAll(lookup(bySimpleName, declaration.group(1), pkg));
                    }
                }
            }
        }

        Set<Class<?>> bound = closure(roots);
        Set<Class<?>> registered = registered(all);
        Set<String> missing = new TreeSet<>();
        bound.stream().filter(c -> !registered.contains(c)).forEach(c -> missing.add(c.getName()));

        assertThat(roots).as("the scan finds the stored state types").extracting(Class::getSimpleName)
                .contains("FileRunState", "SyncState", "LedgerCall", "RunState", "RunReport", "InvocationRequest");
        assertThat(missing).as("Jackson-bound types missing from NativeReflection (add them there)").isEmpty();
    }

    private static List<String> names(String source, Pattern pattern, int group) {
        List<String> names = new ArrayList<>();
        Matcher m = pattern.matcher(source);
        while (m.find()) {
            names.add(m.group(group));
        }
        return names;
    }

    /** A simple name seen in a source file: the class of that package when there is one, else any of that name. */
    private static List<Class<?>> lookup(Map<String, List<Class<?>>> bySimpleName, String name, String pkg) {
        String simple = name.substring(name.lastIndexOf('.') + 1);
        List<Class<?>> candidates = bySimpleName.getOrDefault(simple, List.of());
        List<Class<?>> local = candidates.stream().filter(c -> c.getPackageName().equals(pkg)).toList();
        return local.isEmpty() ? candidates : local;
    }

    private static List<Class<?>> projectClasses() throws IOException {
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CLASSES.resolve("io/entrasync"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = CLASSES.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.matches(".*\\$\\d.*") || (name.contains("_") && name.contains("$$"))) {
                    continue; // anonymous classes and generated proxies
                }
                try {
                    classes.add(Class.forName(name, false, NativeReflectionTest.class.getClassLoader()));
                } catch (ClassNotFoundException | LinkageError e) {
                    // not loadable on its own: not a Jackson type
                }
            }
        }
        return classes;
    }

    private static boolean hasJacksonAnnotation(Class<?> type) {
        List<AnnotatedElement> elements = new ArrayList<>();
        elements.add(type);
        elements.addAll(Arrays.asList(type.getDeclaredFields()));
        elements.addAll(Arrays.asList(type.getDeclaredMethods()));
        if (type.isRecord()) {
            elements.addAll(Arrays.asList(type.getRecordComponents()));
        }
        return elements.stream().flatMap(e -> Arrays.stream(e.getDeclaredAnnotations()))
                .map(Annotation::annotationType)
                .anyMatch(a -> a.getPackageName().startsWith("com.fasterxml.jackson"));
    }

    private static Set<Class<?>> closure(Set<Class<?>> roots) {
        Set<Class<?>> seen = new LinkedHashSet<>();
        Deque<Type> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            Type type = todo.pop();
            if (type instanceof ParameterizedType p) {
                todo.push(p.getRawType());
                todo.addAll(Arrays.asList(p.getActualTypeArguments()));
            } else if (type instanceof WildcardType w) {
                todo.addAll(Arrays.asList(w.getUpperBounds()));
            } else if (type instanceof GenericArrayType a) {
                todo.push(a.getGenericComponentType());
            } else if (type instanceof Class<?> c) {
                if (c.isArray()) {
                    todo.push(c.getComponentType());
                    continue;
                }
                if (!c.getName().startsWith("io.entrasync.") || !seen.add(c)) {
                    continue;
                }
                if (c.isRecord()) {
                    for (RecordComponent component : c.getRecordComponents()) {
                        todo.push(component.getGenericType());
                    }
                } else if (!c.isEnum() && !c.isInterface()) {
                    for (Field field : c.getDeclaredFields()) {
                        if (!Modifier.isStatic(field.getModifiers()) && !Modifier.isTransient(field.getModifiers())) {
                            todo.push(field.getGenericType());
                        }
                    }
                }
                if (c.isSealed()) {
                    todo.addAll(Arrays.asList(c.getPermittedSubclasses()));
                }
            }
        }
        return seen;
    }

    private static Set<Class<?>> registered(List<Class<?>> all) {
        RegisterForReflection list = NativeReflection.class.getAnnotation(RegisterForReflection.class);
        Set<Class<?>> registered = new HashSet<>(Arrays.asList(list.targets()));
        for (String name : list.classNames()) {
            try {
                registered.add(Class.forName(name, false, NativeReflectionTest.class.getClassLoader()));
            } catch (ClassNotFoundException e) {
                throw new AssertionError("NativeReflection names a class that does not exist: " + name, e);
            }
        }
        all.stream().filter(c -> c.isAnnotationPresent(RegisterForReflection.class)).forEach(registered::add);
        return registered;
    }
}
