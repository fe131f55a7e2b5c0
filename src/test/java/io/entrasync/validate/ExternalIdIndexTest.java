package io.entrasync.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ExternalIdIndexTest {

    @Test
    void agreesWithAPlainMapForManyIdsWithDuplicates() {
        ExternalIdIndex index = new ExternalIdIndex();
        Map<String, List<Long>> oracle = new HashMap<>();
        Random random = new Random(42);
        for (long line = 2; line < 100_002; line++) {
            String id = random.nextInt(10) == 0 ? "dup-" + random.nextInt(3_000) : "E" + line + "-ü";
            index.add(id, line);
            oracle.computeIfAbsent(id, k -> new ArrayList<>()).add(line);
        }
        assertThat(index.size()).isEqualTo(100_000);
        assertThat(index.distinct()).isEqualTo(oracle.size());
        assertThat(index.duplicatedIds()).isEqualTo((int) oracle.values().stream().filter(l -> l.size() > 1).count());
        oracle.forEach((id, lines) -> {
            assertThat(index.count(id)).isEqualTo(lines.size());
            assertThat(index.lines(id)).containsExactly(lines.stream().mapToLong(Long::longValue).toArray());
        });
        assertThat(index.count("never-added")).isZero();
        assertThat(index.lines("never-added")).isEmpty();
    }

    @Test
    void oneIdOnEveryLineStaysFast() {
        ExternalIdIndex index = new ExternalIdIndex();
        for (long line = 2; line < 200_002; line++) {
            index.add("same", line);
        }
        long[] lines = index.linesIfShared("same");
        assertThat(lines).hasSize(200_000).startsWith(2, 3, 4).endsWith(200_001);
        assertThat(index.duplicatedIds()).isEqualTo(1);
        assertThat(index.linesIfShared("other")).isNull();
    }

    @Test
    void idsThatDifferOnlyInCaseOrByteAreDifferent() {
        ExternalIdIndex index = new ExternalIdIndex();
        index.add("abc", 2);
        index.add("ABC", 3);
        index.add("abc ", 4);
        index.add("abc", 5);
        assertThat(index.lines("abc")).containsExactly(2, 5);
        assertThat(index.count("ABC")).isEqualTo(1);
        assertThat(index.count("abc ")).isEqualTo(1);
    }
}
