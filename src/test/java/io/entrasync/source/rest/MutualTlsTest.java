package io.entrasync.source.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpsServer;

import io.entrasync.config.SyncConfig;
import io.entrasync.retry.Sleeper;
import io.entrasync.support.HttpAnswers;
import io.entrasync.support.TestConfig;
import io.entrasync.support.TestTls;

/**
 * Mutual TLS on every API call: a JDK HTTPS server that requires a client certificate it trusts (needClientAuth), the
 * certificate configured as an admin would ({@code auth.client-certificate-file} / {@code auth.client-certificate}).
 */
class MutualTlsTest {

    @TempDir
    static Path dir;
    static TestTls tls;
    /** Retries are not what these tests are about: their waits are skipped. */
    private static final Sleeper NO_WAIT = duration -> { };
    private HttpsServer server;

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

    private void serve(String... trustedClients) throws Exception {
        tls.clientSubjects.clear();
        server = tls.server(exchange -> HttpAnswers.send(exchange, 200, "application/json",
                "{\"workers\": [{\"id\": \"w1\"}, {\"id\": \"w2\"}]}"), trustedClients);
    }

    private ApiSettings settings(Map<String, String> certificate) {
        Map<String, String> properties = new java.util.HashMap<>(Map.of(
                "sync.sources.hr.api.base-url", TestTls.url(server),
                "sync.sources.hr.api.path", "/workers",
                "sync.sources.hr.api.records-path", "workers",
                "sync.sources.hr.api.id-field", "id",
                "sync.sources.hr.api.http.max-attempts", "1"));
        properties.putAll(certificate);
        SyncConfig sync = TestConfig.syncConfig(properties);
        return ApiSettingsFactory.fromConfig("hr", sync.sources().get("hr").api().orElseThrow());
    }

    private ApiStub.Outcome read(ApiSettings settings) throws Exception {
        // the JVM's trust store does not know the test server: trust it, and keep the settings' client certificate
        RestSource source = new RestSource(settings, RestSource.client(settings, tls.trusting("server")),
                NO_WAIT, Clock.fixed(ApiStub.NOW, ZoneOffset.UTC));
        return ApiStub.drain(source, Optional.empty());
    }

    @Test
    void aPkcs12FilePresentsTheClientCertificateOnTheApiCall() throws Exception {
        serve("client");

        ApiStub.Outcome outcome = read(settings(Map.of(
                "sync.sources.hr.api.auth.client-certificate-file", tls.p12("client").toString(),
                "sync.sources.hr.api.auth.client-certificate-password", TestTls.PASSWORD)));

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.values("id")).containsExactly("w1", "w2");
        assertThat(tls.clientSubjects).isNotEmpty().containsOnly("CN=test-client");
    }

    @Test
    void pemTextFromAnAppSettingWorksTheSame() throws Exception {
        serve("client");

        ApiStub.Outcome outcome = read(settings(Map.of("sync.sources.hr.api.auth.client-certificate",
                tls.certificatePem("client") + tls.keyPem("client"))));

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.values("id")).containsExactly("w1", "w2");
    }

    @Test
    void withoutACertificateTheServerRefusesAndTheMessageSaysWhichSettingIsMissing() throws Exception {
        serve("client");

        ApiStub.Outcome outcome = read(settings(Map.of()));

        assertThat(outcome.records()).isEmpty();
        assertThat(outcome.watermark()).isEmpty();
        assertThat(outcome.failure()).isInstanceOf(ApiSourceException.class)
                .hasMessageContaining("source 'hr', page 1: GET " + TestTls.url(server) + "/workers failed")
                .hasMessageContaining("TLS")
                .hasMessageContaining("auth.client-certificate");
    }

    @Test
    void aCertificateTheServerDoesNotTrustIsRefusedLikewise() throws Exception {
        serve("client");

        ApiStub.Outcome outcome = read(settings(Map.of(
                "sync.sources.hr.api.auth.client-certificate-file", tls.p12("other").toString(),
                "sync.sources.hr.api.auth.client-certificate-password", TestTls.PASSWORD)));

        assertThat(outcome.records()).isEmpty();
        assertThat(outcome.failure()).hasMessageContaining("may not accept the client certificate CN=other-client of "
                + "sync.sources.hr.api.auth.client-certificate-file").message().doesNotContain(TestTls.PASSWORD);
    }
}
