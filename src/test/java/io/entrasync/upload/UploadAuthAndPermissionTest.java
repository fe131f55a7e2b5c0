package io.entrasync.upload;

import static io.entrasync.plan.TestUsers.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.entrasync.auth.AccessTokenProvider;
import io.entrasync.auth.AuthMode;
import io.entrasync.auth.AuthSettings;
import io.entrasync.auth.ClientCredentialsTokens;
import io.entrasync.auth.TokenProviders;
import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.emulator.ProvisioningEmulator;
import io.entrasync.graph.GraphClient;
import io.entrasync.graph.RetryPolicy;
import io.entrasync.plan.UploadPlan;
import io.entrasync.scim.ScimUser;
import io.entrasync.support.EmulatorResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * 401 (refresh once through the app's token client, then fail), 403 and 404: the upload stops, hands everything back
 * and says what to check.
 */
@QuarkusTest
@QuarkusTestResource(EmulatorResource.class)
class UploadAuthAndPermissionTest {

    @Inject
    ClientCredentialsTokens clientCredentials;

    private ProvisioningEmulator emu;
    private EngineFixture fixture;

    @BeforeEach
    void start() {
        emu = ProvisioningEmulator.start(EmulatorSettings.fast().withCheckTokens(true));
        fixture = new EngineFixture(emu);
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    private static List<ScimUser> users(int count) {
        List<ScimUser> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add(user("E" + i, i + 2));
        }
        return users;
    }

    private AccessTokenProvider emulatorClientCredentials() {
        return TokenProviders.create(new AuthSettings(AuthMode.CLIENT_CREDENTIALS, Optional.empty(),
                Optional.of("client-1"), Optional.of("secret"), Optional.empty(), Optional.of(emu.tokenEndpoint()),
                AuthSettings.GRAPH_SCOPE), clientCredentials);
    }

    @Test
    void aRevokedTokenIsReplacedOnceAndTheUploadGoesOn() {
        fixture.tokens = emulatorClientCredentials();
        UploadEngine engine = fixture.engine();

        UploadResult result = engine.upload(EngineFixture.plan(users(150)), Set.of(), new UploadListener() {
            @Override
            public void onAccepted(AcceptedCall call) {
                if (call.batchIndex() == 0) {
                    emu.reset(); // the emulator forgets every token it issued: the cached one is now refused
                }
            }
        });

        assertThat(result.stop()).isEqualTo(UploadResult.Stop.COMPLETED);
        assertThat(result.accepted()).hasSize(3);
        assertThat(result.stats().tokenRefreshes()).isEqualTo(1);
        assertThat(result.accepted().get(1).attempts()).isEqualTo(2);
    }

    @Test
    void aTokenRefusedTwiceStopsTheUploadWithWhatToCheck() {
        AtomicInteger fetches = new AtomicInteger();
        fixture.tokens = new AccessTokenProvider() {
            @Override
            public String accessToken() {
                return "not-issued-by-the-service-" + fetches.incrementAndGet();
            }

            @Override
            public void invalidate() {
            }
        };
        UploadPlan plan = EngineFixture.plan(users(120));

        UploadResult result = fixture.engine().upload(plan, Set.of(), UploadListener.NONE);

        assertThat(result.stop()).isEqualTo(UploadResult.Stop.CONFIGURATION_ERROR);
        assertThat(result.stopDetail()).contains("Unauthorized (401) even with a freshly fetched token")
                .contains("InvalidAuthenticationToken").doesNotContain("not-issued-by-the-service");
        assertThat(result.stats().calls()).isEqualTo(2);
        assertThat(result.stats().tokenRefreshes()).isEqualTo(1);
        assertThat(result.unsent()).hasSize(120);
        assertThat(result.nextBatch()).isZero();
        EngineFixture.assertEveryRecordAccountedFor(plan, result);
    }

    @Test
    void aWrongJobIdStopsAtTheFirstCallAndNamesTheSettings() {
        fixture.tokens = emulatorClientCredentials();
        GraphClient graph = new GraphClient(GraphClient.newHttpClient(Duration.ofSeconds(5)), fixture.tokens,
                RetryPolicy.DEFAULT, Duration.ofSeconds(10), EngineFixture.MAPPER);
        UploadEngine engine = new UploadEngine(graph, new BulkUploadTarget(emu.baseUrl(), "beta",
                emu.defaultJob().servicePrincipalId(), "API2AAD.no.such.job"),
                new SlidingWindowPacer(PacingSettings.DEFAULT), fixture.quota(), EngineFixture.MAPPER);

        UploadResult result = engine.upload(EngineFixture.plan(users(60)), Set.of(), UploadListener.NONE);

        assertThat(result.stop()).isEqualTo(UploadResult.Stop.CONFIGURATION_ERROR);
        assertThat(result.stopDetail()).contains("404").contains("servicePrincipalId and jobId");
        assertThat(result.stats().calls()).isEqualTo(1);
        assertThat(result.unsent()).hasSize(60);
    }

    /** The emulator has no permission model, so a stub answers 403 the way Graph does. */
    @Test
    void aMissingPermissionStopsWithThePermissionToGrant() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger calls = new AtomicInteger();
        server.createContext("/", exchange -> {
            calls.incrementAndGet();
            byte[] body = """
                    {"error":{"code":"Authorization_RequestDenied",\
                    "message":"Insufficient privileges to complete the operation.",
                    "innerError":{"request-id":"0f5c1d2e-aaaa-bbbb-cccc-123456789abc","date":"2026-11-28T20:00:00"}}}"""
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(403, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            GraphClient graph = new GraphClient(GraphClient.newHttpClient(Duration.ofSeconds(5)),
                    EngineFixture.fixedToken("t"), RetryPolicy.DEFAULT, Duration.ofSeconds(10), EngineFixture.MAPPER);
            UploadEngine engine = new UploadEngine(graph, new BulkUploadTarget("http://127.0.0.1:"
                    + server.getAddress().getPort(), "beta", "sp", "API2AAD.x.y"),
                    new SlidingWindowPacer(PacingSettings.DEFAULT), fixture.quota(), EngineFixture.MAPPER);

            UploadResult result = engine.upload(EngineFixture.plan(users(75)), Set.of(), UploadListener.NONE);

            assertThat(result.stop()).isEqualTo(UploadResult.Stop.CONFIGURATION_ERROR);
            assertThat(result.stopDetail()).contains("Forbidden (403)")
                    .contains("SynchronizationData-User.Upload").contains("admin consent")
                    .contains("Authorization_RequestDenied").contains("0f5c1d2e-aaaa-bbbb-cccc-123456789abc");
            assertThat(calls).hasValue(1);
            assertThat(result.unsent()).hasSize(75);
        } finally {
            server.stop(0);
        }
    }
}
