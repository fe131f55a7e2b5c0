package io.entrasync.infra;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

/**
 * Every property the application's {@code @ConfigMapping} interfaces read, found by walking their methods the way
 * SmallRye Config does (kebab-case names, {@code @WithName}, {@code @WithParentName}, groups, maps, optionals).
 * A map key is written {@code *} ({@code sync.sources.*.graph.job-id}).
 */
final class ConfigModel {

    /** One step from a mapping object towards a property value: call a method, or look up the map key. */
    sealed interface Step permits Call, MapKey {
    }

    record Call(Method method) implements Step {
    }

    record MapKey() implements Step {
    }

    /**
     * A leaf property.
     *
     * @param name dotted name with {@code *} for map keys
     * @param type the value's raw type (unwrapped from Optional)
     * @param required the code fails without it (no default, not optional), once its enclosing map entry exists
     * @param steps how to reach its value from the root mapping object
     */
    record Property(Class<?> root, String name, Class<?> type, boolean required, List<Step> steps) {

        /** The environment-variable form, as a pattern: upper case, every non-alphanumeric a '_', keys [A-Z0-9]+. */
        Pattern envPattern() {
            StringBuilder regex = new StringBuilder();
            for (String part : name.split("\\*", -1)) {
                if (regex.length() > 0) {
                    regex.append("[A-Z0-9]+");
                }
                regex.append(Pattern.quote(part.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_")));
            }
            return Pattern.compile(regex.toString());
        }

        boolean isMapEntryProperty() {
            return name.contains("*");
        }
    }

    private final List<Property> properties = new ArrayList<>();

    static ConfigModel of(Collection<Class<?>> mappingInterfaces) {
        ConfigModel model = new ConfigModel();
        mappingInterfaces.stream().sorted(Comparator.comparing(Class::getName)).forEach(mapping -> {
            ConfigMapping annotation = mapping.getAnnotation(ConfigMapping.class);
            if (annotation.namingStrategy() != ConfigMapping.NamingStrategy.KEBAB_CASE) {
                throw new IllegalStateException(mapping.getName() + " uses naming strategy "
                        + annotation.namingStrategy() + "; teach ConfigModel to name its properties");
            }
            model.walk(mapping, mapping, annotation.prefix(), true, List.of());
        });
        return model;
    }

    List<Property> properties() {
        return List.copyOf(properties);
    }

    /** The property whose environment form matches {@code envName}, if any. */
    Optional<Property> byEnvName(String envName) {
        return properties.stream().filter(p -> p.envPattern().matcher(envName).matches()).findFirst();
    }

    Optional<Property> byName(String name) {
        return properties.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private void walk(Class<?> root, Class<?> group, String prefix, boolean required, List<Step> steps) {
        for (Method method : group.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0
                    || method.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = method.isAnnotationPresent(WithParentName.class) ? prefix
                    : join(prefix, method.isAnnotationPresent(WithName.class)
                            ? method.getAnnotation(WithName.class).value()
                            : kebab(method.getName()));
            boolean hasDefault = method.isAnnotationPresent(WithDefault.class);
            List<Step> here = append(steps, new Call(method));
            Type type = method.getGenericReturnType();
            Class<?> raw = rawType(type);
            if (raw == Optional.class) {
                Class<?> inner = rawType(typeArgument(type, 0));
                if (isGroup(inner)) {
                    walk(root, inner, name, false, here);
                } else {
                    properties.add(new Property(root, name, inner, false, here));
                }
            } else if (raw == OptionalInt.class || raw == OptionalLong.class || raw == OptionalDouble.class) {
                properties.add(new Property(root, name, raw, false, here));
            } else if (Map.class.isAssignableFrom(raw)) {
                Class<?> value = rawType(typeArgument(type, 1));
                List<Step> entry = append(here, new MapKey());
                if (isGroup(value)) {
                    walk(root, value, name + ".*", required, entry);
                } else {
                    properties.add(new Property(root, name + ".*", value, false, entry));
                }
            } else if (isGroup(raw)) {
                walk(root, raw, name, required, here);
            } else {
                properties.add(new Property(root, name, raw, required && !hasDefault
                        && !Collection.class.isAssignableFrom(raw), here));
            }
        }
    }

    private static boolean isGroup(Class<?> type) {
        return type.isInterface() && !type.getName().startsWith("java.") && !Map.class.isAssignableFrom(type)
                && !Collection.class.isAssignableFrom(type);
    }

    private static Class<?> rawType(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalStateException("Unsupported config type " + type);
    }

    private static Type typeArgument(Type type, int index) {
        return ((ParameterizedType) type).getActualTypeArguments()[index];
    }

    private static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    /** SmallRye's KEBAB_CASE: {@code servicePrincipalId} → {@code service-principal-id}. */
    static String kebab(String methodName) {
        return methodName.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static List<Step> append(List<Step> steps, Step step) {
        List<Step> copy = new ArrayList<>(steps);
        copy.add(step);
        return List.copyOf(copy);
    }
}
