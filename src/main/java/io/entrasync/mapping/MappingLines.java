package io.entrasync.mapping;

import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The line of each entry of a mapping file, by the path messages use ({@code user.userName},
 * {@code user.emails[0].value}, {@code unique.userName}), so a report can say where a rule is. Read from SnakeYAML's
 * node marks (the parser Jackson's YAML reader uses); the file is small and read once at start-up.
 */
final class MappingLines {

    /** Deep enough for every rule path of a mapping ({@code extensions.<urn>.<attribute>.expr}). */
    private static final int MAX_DEPTH = 6;

    private final Map<String, Integer> lines;

    private MappingLines(Map<String, Integer> lines) {
        this.lines = Map.copyOf(lines);
    }

    /** The lines of {@code yaml}'s entries; none when the text is not a YAML mapping (the loader reports that). */
    static MappingLines of(String yaml) {
        Map<String, Integer> lines = new HashMap<>();
        try {
            Node root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
            collect(root, "", lines, 0);
        } catch (RuntimeException unreadable) {
            // Jackson already accepted the text; a difference in what SnakeYAML accepts costs only the line numbers.
            return new MappingLines(Map.of());
        }
        return new MappingLines(lines);
    }

    static MappingLines none() {
        return new MappingLines(Map.of());
    }

    /** The 1-based line of the entry at {@code path}, or 0 when unknown. */
    int lineOf(String path) {
        return lines.getOrDefault(path, 0);
    }

    private static void collect(Node node, String path, Map<String, Integer> lines, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    String child = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
                    lines.putIfAbsent(child, key.getStartMark().getLine() + 1);
                    collect(tuple.getValueNode(), child, lines, depth + 1);
                }
            }
        } else if (node instanceof SequenceNode sequence) {
            List<Node> items = sequence.getValue();
            for (int i = 0; i < items.size(); i++) {
                String child = path + "[" + i + "]";
                lines.putIfAbsent(child, items.get(i).getStartMark().getLine() + 1);
                collect(items.get(i), child, lines, depth + 1);
            }
        }
    }
}
