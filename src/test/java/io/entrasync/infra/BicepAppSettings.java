package io.entrasync.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The app-setting keys infra/app/function-app.bicep sets, read from the text between its
 * {@code // app-settings:begin} and {@code // app-settings:end} markers (no Bicep compiler exists on the build
 * machines). A key is a bare identifier or a quoted string before {@code :}; an interpolation {@code ${...}} in a key
 * stands for a source name and is replaced by {@link #SOURCE}.
 */
final class BicepAppSettings {

    static final String SOURCE = "HR";
    static final String SOURCE_KEY = "hr";

    private static final String BEGIN = "// app-settings:begin";
    private static final String END = "// app-settings:end";
    private static final Pattern KEY = Pattern.compile("^\\s*(?:'([^']+)'|([A-Za-z_][A-Za-z0-9_]*))\\s*:\\s*(.+)$");
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{[^}]*}");

    /** Key (as the app sees it, with the sample source name) → the line number in the Bicep file. */
    static Map<String, Integer> read(Path bicep) {
        List<String> lines;
        try {
            lines = Files.readAllLines(bicep);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int begin = lines.indexOf(lines.stream().filter(l -> l.trim().equals(BEGIN)).findFirst()
                .orElseThrow(() -> new IllegalStateException(bicep + " has no '" + BEGIN + "' line")));
        int end = lines.indexOf(lines.stream().filter(l -> l.trim().equals(END)).findFirst()
                .orElseThrow(() -> new IllegalStateException(bicep + " has no '" + END + "' line")));
        Map<String, Integer> keys = new LinkedHashMap<>();
        for (int i = begin + 1; i < end; i++) {
            String line = lines.get(i);
            if (line.trim().startsWith("//")) {
                continue;
            }
            Matcher m = KEY.matcher(line);
            if (m.matches()) {
                String key = m.group(1) != null ? m.group(1) : m.group(2);
                keys.put(INTERPOLATION.matcher(key).replaceAll(SOURCE), i + 1);
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException("No app settings found between the markers of " + bicep);
        }
        return keys;
    }

    private BicepAppSettings() {
    }
}
