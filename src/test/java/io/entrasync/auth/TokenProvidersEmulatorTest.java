package io.entrasync.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.emulator.ProvisioningEmulator;
import io.entrasync.support.EmulatorResource;
import io.entrasync.support.ManagedIdentityProbe;
import io.entrasync.support.ManagedIdentityProbe.Asker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Tokens from the emulator's client-credentials endpoint through the app's one token client (quarkus-oidc-client, with
 * a secret and with a federated token file), and from its managed-identity endpoint through azure-identity; each is
 * checked by the emulator's bulkUpload.
 */
@QuarkusTest
@QuarkusTestResource(EmulatorResource.class)
class TokenProvidersEmulatorTest {
    private static final String BODY = """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[{"method":"POST",
            "bulkId":"1","path":"/Users","data":{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"externalId":"T1",\
            "userName":"t1@contoso.example",
            "active":true}}],"failOnErrors":null}""";

    @Inject
    ClientCredentialsTokens clientCredentials;

    private ProvisioningEmulator emu;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        emu = ProvisioningEmulator.start(EmulatorSettings.fast().withCheckTokens(true)
                .withClientSecret("right-secret"));
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    private int uploadWith(String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(emu.bulkUploadUrl(emu.defaultJob())))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/scim+json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private AuthSettings clientCredentials(Optional<String> secret, Optional<Path> federatedTokenFile) {
        return new AuthSettings(AuthMode.CLIENT_CREDENTIALS, Optional.empty(), Optional.of("client-1"), secret,
                federatedTokenFile, Optional.of(emu.tokenEndpoint()), AuthSettings.GRAPH_SCOPE);
    }

    /** A workload-identity style assertion: a JWT whose exp claim quarkus-oidc-client reads to know when to re-read. */
    private static String federatedJwt(Instant expiresAt) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"iss\":\"https://oidc.prod-aks.azure.com/x/\",\"sub\":\"system:serviceaccount:"
                        + "sync:entra-inbound-sync\",\"aud\":[\"api://AzureADTokenExchange\"],\"exp\":"
                        + expiresAt.getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString("signature".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aClientSecretGetsATokenTheServiceAcceptsCachedUntilInvalidated() throws Exception {
        AccessTokenProvider provider = TokenProviders.create(
                clientCredentials(Optional.of("right-secret"), Optional.empty()), clientCredentials);

        String token = provider.accessToken();

        assertThat(provider.accessToken()).isSameAs(token);
        assertThat(uploadWith(token)).isEqualTo(202);
        assertThat(uploadWith("made-up")).isEqualTo(401);
        provider.invalidate();
        String renewed = provider.accessToken();
        assertThat(renewed).isNotEqualTo(token);
        assertThat(uploadWith(renewed)).isEqualTo(202);
    }

    @Test
    void aFederatedTokenFileIsSentAsClientAssertion(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("azure-identity-token");
        Files.writeString(file, federatedJwt(Instant.now().plusSeconds(3600)) + "\n");
        AccessTokenProvider provider = TokenProviders.create(clientCredentials(Optional.empty(), Optional.of(file)),
                clientCredentials);

        assertThat(uploadWith(provider.accessToken())).isEqualTo(202);
    }

    @Test
    void aMissingFederatedTokenFileSaysWhichSettingToCheckAndWorksOnceTheFileAppears(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("not-yet-projected");
        AccessTokenProvider provider = TokenProviders.create(clientCredentials(Optional.empty(), Optional.of(file)),
                clientCredentials);

        assertThatThrownBy(provider::accessToken)
                .isInstanceOf(TokenAcquisitionException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("auth.federated-token-file");

        Files.writeString(file, federatedJwt(Instant.now().plusSeconds(3600)));
        assertThat(uploadWith(provider.accessToken())).isEqualTo(202);
    }

    @Test
    void aWrongSecretIsRefusedWithTheEndpointsReasonAndNoSecretInTheMessage() {
        AccessTokenProvider provider = TokenProviders.create(
                clientCredentials(Optional.of("wrong-secret"), Optional.empty()), clientCredentials);

        assertThatThrownBy(provider::accessToken)
                .isInstanceOf(TokenAcquisitionException.class)
                .hasMessageContaining("invalid_client").hasMessageContaining("client-1")
                .hasMessageContaining("AADSTS7000215")
                .hasMessageContaining("Check the tenant or token URL, the client id")
                .hasMessageNotContaining("wrong-secret")
                .satisfies(e -> assertThat(((TokenAcquisitionException) e).isTransient()).isFalse());
    }

    @Test
    void anUnreachableTokenEndpointIsATransientFailure() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        AccessTokenProvider provider = TokenProviders.create(new AuthSettings(AuthMode.CLIENT_CREDENTIALS,
                Optional.empty(), Optional.of("client-1"), Optional.of("some-secret"), Optional.empty(),
                Optional.of("http://127.0.0.1:" + closedPort + "/t/oauth2/v2.0/token"), AuthSettings.GRAPH_SCOPE),
                clientCredentials);

        assertThatThrownBy(provider::accessToken)
                .isInstanceOf(TokenAcquisitionException.class)
                .hasMessageContaining("could not reach the token endpoint")
                .satisfies(e -> assertThat(((TokenAcquisitionException) e).isTransient()).isTrue());
    }

    @Test
    void secretAndFederatedFileAreMutuallyExclusive() {
        assertThatThrownBy(() -> TokenProviders.create(clientCredentials(Optional.empty(), Optional.empty()),
                clientCredentials)).hasMessageContaining("exactly one of a client secret");
    }

    /**
     * azure-identity reads IDENTITY_ENDPOINT / IDENTITY_HEADER from the process environment only, as the Functions
     * host sets them, so the provider runs in a child JVM with that environment.
     */
    @Test
    void theManagedIdentityGetsATokenFromTheFunctionsStyleEndpoint() throws Exception {
        ManagedIdentityProbe.Result probe = ManagedIdentityProbe.run(Asker.APP, emu.identityEndpoint(),
                emu.identityHeader());

        assertThat(probe.value("cached")).as(probe.output()).contains("true");
        String token = probe.value("token").orElseThrow();
        assertThat(uploadWith(token)).isEqualTo(202);
    }

    @Test
    void aManagedIdentityFailureSaysWhatToCheck() throws Exception {
        ManagedIdentityProbe.Result probe = ManagedIdentityProbe.run(Asker.APP, emu.identityEndpoint(),
                "wrong-header");

        assertThat(probe.output()).contains("system-assigned managed identity could not get a token")
                .contains("--auth client-credentials");
    }
}
