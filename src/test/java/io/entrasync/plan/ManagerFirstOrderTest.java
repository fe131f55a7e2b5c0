package io.entrasync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ManagerFirstOrderTest {

    record N(String externalId, String managerExternalId) implements ManagerFirstOrder.Node {
    }

    private static List<String> order(List<N> nodes) {
        ManagerFirstOrder.Result result = ManagerFirstOrder.of(nodes);
        return Arrays.stream(result.order()).mapToObj(i -> nodes.get(i).externalId()).toList();
    }

    @Test
    void keepsTheSourceOrderWhenManagersAlreadyComeFirst() {
        List<N> nodes = List.of(new N("CEO", null), new N("VP", "CEO"), new N("E1", "VP"), new N("E2", "VP"));
        assertThat(order(nodes)).containsExactly("CEO", "VP", "E1", "E2");
    }

    @Test
    void pullsEachManagerChainAheadOfTheFirstReportTopmostFirst() {
        List<N> nodes = List.of(new N("E1", "VP"), new N("X", null), new N("E2", "VP"), new N("VP", "CEO"),
                new N("CEO", null));

        assertThat(order(nodes)).containsExactly("CEO", "VP", "E1", "X", "E2");
    }

    @Test
    void aManagerOutsideTheUploadIsLeftToTheService() {
        List<N> nodes = List.of(new N("E1", "ALREADY-IN-ENTRA"), new N("E2", null));
        ManagerFirstOrder.Result result = ManagerFirstOrder.of(nodes);
        assertThat(order(nodes)).containsExactly("E1", "E2");
        assertThat(result.cycles()).isEmpty();
    }

    @Test
    void everyManagerPrecedesItsReportsInALargeShuffledHierarchy() {
        Random random = new Random(42);
        List<N> nodes = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            nodes.add(new N("E" + i, i == 0 ? null : "E" + random.nextInt(i)));
        }
        Collections.shuffle(nodes, random);

        List<String> ordered = order(nodes);

        assertThat(ordered).hasSize(2000).doesNotHaveDuplicates();
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            position.put(ordered.get(i), i);
        }
        for (N node : nodes) {
            if (node.managerExternalId() != null) {
                assertThat(position.get(node.managerExternalId())).as(node.externalId())
                        .isLessThan(position.get(node.externalId()));
            }
        }
    }

    @Test
    void breaksACycleDeterministicallyKeepsItsMembersTogetherAndReportsIt() {
        List<N> nodes = List.of(new N("X", "A"), new N("A", "B"), new N("B", "C"), new N("C", "A"),
                new N("Y", null));

        ManagerFirstOrder.Result first = ManagerFirstOrder.of(nodes);
        ManagerFirstOrder.Result second = ManagerFirstOrder.of(nodes);

        assertThat(order(nodes)).containsExactly("C", "B", "A", "X", "Y");
        assertThat(second.order()).isEqualTo(first.order());
        assertThat(first.cycles()).singleElement().satisfies(cycle -> {
            assertThat(cycle.members()).containsExactly("A", "B", "C");
            assertThat(cycle.sentBeforeManager()).isEqualTo("C");
            assertThat(cycle.describe()).isEqualTo("manager cycle A -> B -> C -> A: C is sent before its manager A");
        });
    }

    @Test
    void reportsARecordThatIsItsOwnManager() {
        List<N> nodes = List.of(new N("A", "A"), new N("B", "A"));

        ManagerFirstOrder.Result result = ManagerFirstOrder.of(nodes);

        assertThat(order(nodes)).containsExactly("A", "B");
        assertThat(result.cycles()).singleElement()
                .satisfies(cycle -> assertThat(cycle.describe()).contains("A names itself as its manager"));
    }
}
