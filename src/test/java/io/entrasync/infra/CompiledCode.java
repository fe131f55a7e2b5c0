package io.entrasync.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.microsoft.azure.functions.annotation.BlobTrigger;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;

import io.entrasync.config.SyncConfig;
import io.smallrye.config.ConfigMapping;

/**
 * What the compiled application declares: its {@code @ConfigMapping} interfaces and the app settings its Azure
 * Functions bindings name ({@code %PLACEHOLDER%} values and {@code connection} prefixes).
 */
final class CompiledCode {

    private static final String FUNCTIONS_ANNOTATIONS = "com.microsoft.azure.functions.annotation";
    private static final Pattern PLACEHOLDER = Pattern.compile("%([A-Za-z0-9_]+)%");

    /** A binding that names an app setting, for messages. */
    record BindingUse(String function, String annotation, String setting) {
    }

    private final List<Class<?>> classes;

    private CompiledCode(List<Class<?>> classes) {
        this.classes = classes;
    }

    /** The application's classes, from the directory (or jar) that holds {@link SyncConfig}. */
    static CompiledCode load() {
        Path location;
        try {
            location = Path.of(SyncConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (!Files.isDirectory(location)) {
            throw new IllegalStateException("Expected compiled classes in a directory, found " + location);
        }
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(location)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String name = location.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
                name = name.substring(0, name.length() - ".class".length());
                if (name.startsWith("io.entrasync.") && !name.endsWith("package-info")) {
                    classes.add(Class.forName(name, false, CompiledCode.class.getClassLoader()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return new CompiledCode(List.copyOf(classes));
    }

    List<Class<?>> configMappings() {
        return classes.stream().filter(c -> c.isAnnotationPresent(ConfigMapping.class)).toList();
    }

    /** Every {@code %NAME%} in a Functions binding annotation. */
    List<BindingUse> placeholders() {
        List<BindingUse> uses = new ArrayList<>();
        forEachBinding((function, annotation) -> {
            for (String value : stringValues(annotation)) {
                Matcher m = PLACEHOLDER.matcher(value);
                while (m.find()) {
                    uses.add(new BindingUse(function, annotation.annotationType().getSimpleName(), m.group(1)));
                }
            }
        });
        return uses;
    }

    /** Every non-empty {@code connection} of a Functions binding annotation (an app-setting prefix). */
    List<BindingUse> connections() {
        List<BindingUse> uses = new ArrayList<>();
        forEachBinding((function, annotation) -> {
            try {
                Method connection = annotation.annotationType().getMethod("connection");
                String value = (String) connection.invoke(annotation);
                if (!value.isBlank()) {
                    uses.add(new BindingUse(function, annotation.annotationType().getSimpleName(), value));
                }
            } catch (NoSuchMethodException e) {
                // this binding has no connection
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
        return uses;
    }

    /**
     * Names of the functions Event Grid can start: an {@code @EventGridTrigger}, or a {@code @BlobTrigger} whose
     * source is {@code EventGrid} (the only blob trigger Flex Consumption runs).
     */
    Set<String> eventGridStartedFunctions() {
        Set<String> names = new TreeSet<>();
        forEachBinding((function, annotation) -> {
            if (annotation instanceof EventGridTrigger
                    || (annotation instanceof BlobTrigger blob && "EventGrid".equals(blob.source()))) {
                names.add(function);
            }
        });
        return names;
    }

    /** Names of the functions started by a blob: a blob trigger, or Event Grid's BlobCreated events. */
    Set<String> blobTriggeredFunctions() {
        Set<String> names = new TreeSet<>();
        forEachBinding((function, annotation) -> {
            if (annotation instanceof BlobTrigger
                    || annotation instanceof EventGridTrigger) {
                names.add(function);
            }
        });
        return names;
    }

    private interface BindingVisitor {
        void visit(String function, Annotation annotation);
    }

    private void forEachBinding(BindingVisitor visitor) {
        for (Class<?> type : classes) {
            Method[] methods;
            try {
                methods = type.getDeclaredMethods();
            } catch (LinkageError e) {
                throw new IllegalStateException("Cannot inspect " + type.getName() + ": " + e, e);
            }
            for (Method method : methods) {
                FunctionName function = method.getAnnotation(FunctionName.class);
                if (function == null) {
                    continue;
                }
                for (Annotation annotation : method.getAnnotations()) {
                    if (isBinding(annotation)) {
                        visitor.visit(function.value(), annotation);
                    }
                }
                for (Annotation[] parameter : method.getParameterAnnotations()) {
                    for (Annotation annotation : parameter) {
                        if (isBinding(annotation)) {
                            visitor.visit(function.value(), annotation);
                        }
                    }
                }
            }
        }
    }

    private static boolean isBinding(Annotation annotation) {
        return annotation.annotationType().getPackageName().equals(FUNCTIONS_ANNOTATIONS)
                && !(annotation instanceof FunctionName);
    }

    private static List<String> stringValues(Annotation annotation) {
        List<String> values = new ArrayList<>();
        for (Method element : annotation.annotationType().getDeclaredMethods()) {
            try {
                Object value = element.invoke(annotation);
                if (value instanceof String s) {
                    values.add(s);
                } else if (value instanceof String[] array) {
                    values.addAll(List.of(array));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return values;
    }
}
