package io.entrasync.source.rest;

import static io.entrasync.support.HttpAnswers.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpsServer;

import io.entrasync.auth.ClientCredentialsTokens;
import io.entrasync.config.SyncConfig;
import io.entrasync.retry.Sleeper;
import io.entrasync.support.EmulatorResource;
import io.entrasync.support.TestConfig;
import io.entrasync.support.TestTls;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The {@code adp-workforce-now} preset against a stub written from ADP's documentation: OAuth 2.0 client credentials
 * at {@code /auth/oauth/v2/token} and {@code GET /hr/v2/workers?$top=&$skip=} answering {@code {"workers":[…]}}, then
 * {@code 204 No Content} after the last worker ("Workers v2 API Guide for ADP Workforce Now"; worker fields as in
 * adpllc/marketplace-sample-payloads, wfn/hr). Both the token call and the API calls REQUIRE the client certificate
 * (a JDK HTTPS server with needClientAuth), as ADP's gateway does. A {@code @QuarkusTest}: the token comes from the
 * app's token client (quarkus-oidc-client), which must present the certificate too.
 */
@QuarkusTest
@QuarkusTestResource(EmulatorResource.class)
class AdpPresetTest {

    @TempDir
    static Path dir;
    static TestTls tls;
    private static final String JSON = "application/json";
    /** Retries are not what these tests are about: their waits are skipped. */
    private static final Sleeper NO_WAIT = duration -> { };

    @Inject
    ClientCredentialsTokens tokens;

    private HttpsServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void keys() throws Exception {
        tls = TestTls.create(dir);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static String worker(String id, String aoid, String status, String manager) {
        return """
                {"associateOID": "%s", "workerID": {"idValue": "%s"},
                 "person": {"legalName": {"givenName": "Given %s", "familyName1": "Family %s"}},
                 "businessCommunication": {"emails": [{"emailUri": "%s@contoso.example"}]},
                 "workerDates": {"originalHireDate": "2019-04-01"%s},
                 "workerStatus": {"statusCode": {"codeValue": "%s"}},
                 "workAssignments": [{"primaryIndicator": true, "jobTitle": "Engineer",
                   "reportsTo": [{"associateOID": "G3MGR00000000001", "workerID": {"idValue": "%s"}}]}]}
                """.formatted(aoid, id, id, id, id.toLowerCase(Locale.ROOT),
                status.equals("Terminated") ? ", \"terminationDate\": \"2026-10-31\"" : "", status, manager);
    }

    private void serve() throws Exception {
        tls.clientSubjects.clear();
        Map<Integer, String> pages = Map.of(
                0, "{\"workers\": [" + worker("MGR001", "G3MGR00000000001", "Active", "")
                        + "," + worker("ENG002", "G3ENG00000000002", "Active", "MGR001") + "]}",
                2, "{\"workers\": [" + worker("ENG003", "G3ENG00000000003", "Terminated", "MGR001") + "]}");
        server = tls.server(exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            if (exchange.getRequestURI().getPath().equals("/auth/oauth/v2/token")) {
                String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                boolean ok = URLDecoder.decode(form, StandardCharsets.UTF_8).contains("grant_type=client_credentials");
                send(exchange, ok ? 200 : 400, JSON, ok
                        ? "{\"access_token\": \"adp-token-1\", \"token_type\": \"Bearer\", \"expires_in\": 3600,"
                                + " \"scope\": \"api\"}"
                        : "{\"error\": \"invalid_request\"}");
                return;
            }
            String query = URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
            boolean signedIn = "Bearer adp-token-1".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            int skip = Integer.parseInt(query.replaceAll(".*\\$skip=(\\d+).*", "$1"));
            if (!signedIn) {
                send(exchange, 401, JSON, "{\"response\": {\"responseCode\": 401}}");
            } else if (pages.containsKey(skip)) {
                send(exchange, 200, JSON, pages.get(skip));
            } else {
                exchange.sendResponseHeaders(204, -1); // ADP: no more workers
                exchange.close();
            }
        }, "client");
    }


    private ApiSettings settings(Map<String, String> more) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "sync.sources.adp.api.preset", "adp-workforce-now",
                "sync.sources.adp.api.base-url", TestTls.url(server),
                "sync.sources.adp.api.auth.token-url", TestTls.url(server) + "/auth/oauth/v2/token",
                "sync.sources.adp.api.auth.client-id", "adp-client",
                "sync.sources.adp.api.auth.client-secret", "adp-secret-value",
                "sync.sources.adp.api.paging.page-size", "2"));
        properties.putAll(more);
        SyncConfig sync = TestConfig.syncConfig(properties);
        return ApiSettingsFactory.fromConfig("adp", sync.sources().get("adp").api().orElseThrow());
    }

    @Test
    void readsEveryWorkerPresentingTheCertificateOnTheTokenAndApiCallsUntilThe204() throws Exception {
        serve();
        ApiSettings settings = settings(Map.of(
                "sync.sources.adp.api.auth.client-certificate", tls.base64("client"),
                "sync.sources.adp.api.auth.client-certificate-password", TestTls.PASSWORD));

        ApiStub.Outcome outcome = ApiStub.drain(RestSource.trusting(settings, tls.trustStore("server"),
                NO_WAIT, Clock.fixed(ApiStub.NOW, ZoneOffset.UTC), tokens), Optional.empty());

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.values("workerID.idValue")).containsExactly("MGR001", "ENG002", "ENG003");
        assertThat(outcome.values("workerStatus.statusCode.codeValue")).containsExactly("Active", "Active",
                "Terminated");
        assertThat(outcome.records().get(1).values())
                .containsEntry("associateOID", "G3ENG00000000002")
                .containsEntry("workAssignments.0.reportsTo.0.workerID.idValue", "MGR001")
                .containsEntry("workAssignments.0.reportsTo.0.associateOID", "G3MGR00000000001");
        assertThat(outcome.records().get(2).values()).containsEntry("workerDates.terminationDate", "2026-10-31");
        assertThat(requests).containsExactly("POST /auth/oauth/v2/token",
                "GET /hr/v2/workers?$top=2&$skip=0", "GET /hr/v2/workers?$top=2&$skip=2",
                "GET /hr/v2/workers?$top=2&$skip=3");
        // every connection, the token call's included, presented the client certificate
        assertThat(tls.clientSubjects).hasSize(requests.size()).containsOnly("CN=test-client");
    }

    @Test
    void thePresetRefusesToStartWithoutAClientCertificate() throws Exception {
        serve();

        assertThatThrownBy(() -> settings(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("sync.sources.adp.api.auth.client-certificate is not set: ADP Workforce Now "
                        + "accepts only calls that present the client certificate registered with ADP (mutual TLS)");
    }
}
