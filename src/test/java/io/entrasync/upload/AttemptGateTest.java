package io.entrasync.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.entrasync.graph.CallGate;

/** {@link AttemptGate}: which pass each attempt gets, and which stop ends a call that may not go on. */
class AttemptGateTest {

    private final List<String> events = new ArrayList<>();
    private Optional<StopRequested> stopping = Optional.empty();
    private Optional<String> leaseLost = Optional.empty();
    private final UploadListener listener = new UploadListener() {
        @Override
        public Optional<String> leaseLostReason() {
            return leaseLost;
        }
    };

    private CallGate.Pass pass(String name) {
        return new CallGate.Pass() {
            @Override
            public void close() {
                events.add(name + " closed");
            }

            @Override
            public void unused() {
                events.add(name + " unused");
            }
        };
    }

    private AttemptGate gate() {
        return new AttemptGate(pass("first"), () -> {
            events.add("retry pass taken");
            return pass("retry");
        }, listener, () -> stopping);
    }

    @Test
    void theFirstAttemptUsesTheDispatchersPassAndRetriesTakeTheirOwn() throws Exception {
        AttemptGate gate = gate();

        gate.enter().close();
        gate.enter().close();
        gate.giveBackIfUnused();

        assertThat(events).containsExactly("first closed", "retry pass taken", "retry closed");
    }

    @Test
    void aRetryWhileTheUploadStopsEndsWithTheUploadsOwnStopNotALeaseLoss() throws Exception {
        AttemptGate gate = gate();
        gate.enter().close();
        stopping = Optional.of(new StopRequested(UploadResult.Stop.QUOTA_EXHAUSTED, "no calls left today"));

        assertThatThrownBy(gate::enter).isInstanceOfSatisfying(StopRequested.class, e -> {
            assertThat(e.kind()).isEqualTo(UploadResult.Stop.QUOTA_EXHAUSTED);
            assertThat(e.getMessage()).isEqualTo("no calls left today");
        });
        assertThat(events).doesNotContain("retry pass taken");
    }

    @Test
    void aLostLeaseStopsEvenTheFirstAttemptAndItsPassIsGivenBack() {
        AttemptGate gate = gate();
        leaseLost = Optional.of("the lease of hr was taken by another instance");

        assertThatThrownBy(gate::enter).isInstanceOfSatisfying(StopRequested.class,
                e -> assertThat(e.kind()).isEqualTo(UploadResult.Stop.LEASE_LOST));
        gate.giveBackIfUnused();

        assertThat(events).containsExactly("first unused", "first closed");
    }
}
