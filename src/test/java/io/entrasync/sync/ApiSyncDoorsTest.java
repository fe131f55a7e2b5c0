package io.entrasync.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.microsoft.azure.functions.ExecutionContext;

import io.entrasync.cli.EntraInboundSyncCommand;
import io.entrasync.functions.HrPollFunction;
import io.entrasync.source.rest.ApiPresets;
import io.entrasync.state.StateStore;
import io.entrasync.support.TestExecutionContext;
import io.entrasync.support.AzuriteResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import picocli.CommandLine;

/** The API sync doors wired from {@code sync.*}: the {@code sync} command and the {@code hrPoll} timer function. */
@QuarkusTest
@QuarkusTestResource(value = AzuriteResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = ApiSourceResource.class, restrictToAnnotatedClass = true)
class ApiSyncDoorsTest {

    private static final int USERS = 70;

    @Inject
    CommandLine.IFactory factory;

    @Inject
    HrPollFunction function;

    @Inject
    StateStore state;

    @Inject
    ObjectMapper mapper;

    @Test
    void theCommandAndTheTimerFunctionSyncTheConfiguredApiSource() throws Exception {
        SuccessFactorsStub api = ApiSourceResource.api;
        api.stubOnePage(USERS);
        Instant latest = SuccessFactorsStub.FIRST_CHANGE.plus(Duration.ofMinutes(USERS - 1));
        api.stubNoChangesSince(latest);

        StringWriter first = new StringWriter();
        int exit = command(first, "sync", "--source", "sf");

        assertThat(exit).as(first.toString()).isZero();
        assertThat(first.toString()).contains("source 'sf': completed", USERS + " records read",
                "watermark none → " + latest);
        assertThat(ApiSourceResource.emulator.stats().calls().accepted()).isEqualTo(2);
        assertThat(new SyncStateStore(state, mapper).load("sf").state().watermark()).isEqualTo(latest.toString());

        function.run("{}", context()); // the timer: a delta from the stored watermark, nothing changed

        api.server.verify(1, getRequestedFor(urlPathEqualTo(SuccessFactorsStub.PATH))
                .withQueryParam("$filter", equalTo(SuccessFactorsStub.filterFor(latest))));
        assertThat(ApiSourceResource.emulator.stats().calls().accepted()).isEqualTo(2);

        StringWriter full = new StringWriter();
        int fullExit = command(full, "sync", "--source", "sf", "--full");

        assertThat(fullExit).as(full.toString()).isZero();
        api.server.verify(2, getRequestedFor(urlPathEqualTo(SuccessFactorsStub.PATH))
                .withQueryParam("$filter", equalTo(ApiPresets.SUCCESSFACTORS_ALL_STATUSES)));

        StringWriter status = new StringWriter();
        assertThat(command(status, "status", "--source", "sf")).as(status.toString()).isZero();
        assertThat(status.toString()).contains("HR API: reading normally (paused after 3 failed reads in a row)");
    }

    @Test
    void anHrApiThatCannotBeReadFailsTheTimerInvocationSoTheFailureIsSeenAndRetried() {
        SuccessFactorsStub api = ApiSourceResource.api;
        api.server.stubFor(WireMock.get(urlPathEqualTo(SuccessFactorsStub.PATH))
                .willReturn(WireMock.aResponse().withStatus(503)
                        .withHeader("Content-Type",
                        "text/html").withBody("<html><body>Service Unavailable</body></html>")));
        try {
            Assertions.assertThatThrownBy(() -> function.run("{}", context()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("[sf]")
                    .hasMessageContaining("retried at the next schedule");
        } finally {
            api.server.resetAll(); // the other test stubs its own pages and counts its own requests
        }
    }

    @Test
    void anUnknownSourceIsAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(EntraInboundSyncCommand.class, factory);
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("sync", "--source", "nope");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("No API source named 'nope'", "[sf]");
    }

    private int command(StringWriter out, String... args) {
        CommandLine cli = new CommandLine(EntraInboundSyncCommand.class, factory);
        cli.setOut(new PrintWriter(out));
        return cli.execute(args);
    }

    private static ExecutionContext context() {
        return new TestExecutionContext("hrPoll");
    }
}
