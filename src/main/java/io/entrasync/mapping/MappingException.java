package io.entrasync.mapping;

import java.util.List;

/**
 * The mapping file is unusable: YAML syntax, an unknown SCIM attribute, a missing required attribute, an
 * expression that does not compile, a column the extract does not have. Raised before any record is read; lists
 * every problem at once so the person editing the file can fix them in one go.
 */
public class MappingException extends RuntimeException {

    private final List<String> problems;

    public MappingException(String source, List<String> problems) {
        super(format(source, problems));
        this.problems = List.copyOf(problems);
    }

    public MappingException(String source, String problem, Throwable cause) {
        super(format(source, List.of(problem)), cause);
        this.problems = List.of(problem);
    }

    /** Each problem on its own, with its location in the mapping ({@code user.name.givenName: ...}). */
    public List<String> problems() {
        return problems;
    }

    private static String format(String source, List<String> problems) {
        StringBuilder text = new StringBuilder("The mapping ").append(source).append(" has ")
                .append(problems.size()).append(problems.size() == 1 ? " problem:" : " problems:");
        for (String problem : problems) {
            text.append(System.lineSeparator()).append("  - ").append(problem);
        }
        return text.toString();
    }
}
