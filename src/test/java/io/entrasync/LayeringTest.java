package io.entrasync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The import rules of the architecture, checked on the sources: the pipeline never imports its doors or the emulator,
 * and the emulator (an independent oracle) imports nothing of the client beyond the plain constants of
 * {@code contract}.
 */
class LayeringTest {

    private static final Path SOURCES = Path.of("src/main/java/io/entrasync");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.entrasync\\.(\\w+)",
            Pattern.MULTILINE);
    private static final List<String> DOORS_AND_ORACLE = List.of("functions", "cli", "emulator", "local");

    @Test
    void thePipelineNeverImportsItsDoorsOrTheEmulator() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : sources()) {
            String pkg = packageOf(file);
            if (DOORS_AND_ORACLE.contains(pkg)) {
                continue;
            }
            imports(file).stream().filter(DOORS_AND_ORACLE::contains)
                    .forEach(imported -> violations.add(SOURCES.relativize(file) + " imports " + imported));
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void theEmulatorImportsOnlyTheContractConstants() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : sources()) {
            String pkg = packageOf(file);
            if (pkg.equals("emulator") || pkg.equals("contract")) {
                imports(file).stream().filter(imported -> !imported.equals(pkg) && !imported.equals("contract"))
                        .forEach(imported -> violations.add(SOURCES.relativize(file) + " imports " + imported));
            }
        }
        assertThat(violations).isEmpty();
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(file -> file.toString().endsWith(".java")).toList();
        }
    }

    private static String packageOf(Path file) {
        Path relative = SOURCES.relativize(file);
        return relative.getNameCount() == 1 ? "" : relative.getName(0).toString();
    }

    private static List<String> imports(Path file) throws IOException {
        Matcher imported = IMPORT.matcher(Files.readString(file));
        List<String> packages = new ArrayList<>();
        while (imported.find()) {
            packages.add(imported.group(1));
        }
        return packages;
    }
}
