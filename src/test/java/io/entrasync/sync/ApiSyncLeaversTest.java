package io.entrasync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.entrasync.delta.DeltaSettings;
import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.emulator.ProvisioningEmulator;
import io.entrasync.emulator.UserView;
import io.entrasync.support.EmulatorExtension;
import io.entrasync.sync.ApiSyncResult.Outcome;

/**
 * Leavers come only from reads proved complete: a {@code full-extract} HR API source whose read comes back one person
 * short of the count the API stated disables nobody, while the same person missing from a read that matches its count
 * is disabled. SuccessFactors OData v2 with {@code $inlinecount=allpages} ({@code d.__count}), Azurite, the emulator.
 */
class ApiSyncLeaversTest {

    private static final EmulatorSettings EMULATOR = EmulatorSettings.fast().withPort(0);
    @RegisterExtension
    static final EmulatorExtension RUNNING = new EmulatorExtension(EMULATOR);
    private static final int EVERYONE = SuccessFactorsStub.ENTRIES;
    private static final String LAST = SuccessFactorsStub.userId(EVERYONE - 1);

    private ProvisioningEmulator emulator;
    private SuccessFactorsStub api;
    private ApiSyncFixture fixture;

    @BeforeEach
    void fresh() throws Exception {
        emulator = RUNNING.emulator();
        api = new SuccessFactorsStub().counted();
        fixture = new ApiSyncFixture(emulator, api).withDelta(DeltaSettings.DEFAULT.withFullExtract(true));
        api.stubCountedPages(SuccessFactorsStub.PAGE_SIZE, EVERYONE);
        ApiSyncResult first = fixture.runner().sync(SuccessFactorsStub.SOURCE, true);
        assertThat(first.outcome()).as(first.message()).isEqualTo(Outcome.COMPLETED);
        emulator.awaitIdle(Duration.ofSeconds(30));
        assertThat(emulator.user(LAST)).map(UserView::accountEnabled).contains(true);
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    @Test
    void aReadOnePersonShortOfTheStatedCountFailsAndDisablesNobody() throws Exception {
        long callsBefore = emulator.stats().calls().accepted();
        api.server.resetMappings();
        api.stubCountedPages(SuccessFactorsStub.PAGE_SIZE - 1, EVERYONE);

        ApiSyncResult result = fixture.runner().sync(SuccessFactorsStub.SOURCE, true);

        assertThat(result.outcome()).isEqualTo(Outcome.READ_FAILED);
        assertThat(result.message()).contains("the read got " + (EVERYONE - 1) + " records, but the body field "
                + "'d.__count' stated " + EVERYONE).contains("nobody is disabled as a leaver");
        emulator.awaitIdle(Duration.ofSeconds(30));
        assertThat(emulator.stats().calls().accepted()).isEqualTo(callsBefore);
        assertThat(emulator.users()).allMatch(UserView::accountEnabled);
        assertThat(fixture.spooled()).isEmpty();
    }

    @Test
    void thePersonMissingFromACompleteReadIsDisabled() throws Exception {
        api.server.resetMappings();
        api.stubCountedPages(SuccessFactorsStub.PAGE_SIZE - 1, EVERYONE - 1);

        ApiSyncResult result = fixture.runner().sync(SuccessFactorsStub.SOURCE, true);

        assertThat(result.outcome()).as(result.message()).isEqualTo(Outcome.COMPLETED);
        emulator.awaitIdle(Duration.ofSeconds(30));
        assertThat(emulator.user(LAST)).map(UserView::accountEnabled).contains(false);
    }
}
