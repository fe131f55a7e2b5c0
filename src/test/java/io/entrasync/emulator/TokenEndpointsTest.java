package io.entrasync.emulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;

import io.entrasync.support.ManagedIdentityProbe;
import io.entrasync.support.ManagedIdentityProbe.Asker;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/** Client-credentials and managed-identity token endpoints, and token checking on the Graph endpoints. */
class TokenEndpointsTest extends EmulatorTestBase {

    private JsonPath clientCredentialsToken() {
        return given().baseUri(emu.baseUrl()).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials").formParam("client_id", "app-id")
                .formParam("client_secret", "s3cret").formParam("scope", "https://graph.microsoft.com/.default")
                .post("/" + emu.settings().tenantId() + "/oauth2/v2.0/token")
                .then().statusCode(200).body("token_type", equalTo("Bearer")).body("expires_in", equalTo(3600))
                .extract().jsonPath();
    }

    @Test
    void clientCredentialsIssuesABearerToken() {
        String token = clientCredentialsToken().getString("access_token");
        assertThat(token).startsWith("emu.");
        emu.updateSettings(s -> s.withCheckTokens(true));
        given().baseUri(emu.baseUrl()).header("Authorization", "Bearer " + token).contentType("application/scim+json")
                .body(Scim.bulk(Scim.user("E1", "e1@example.com",
                true)).toString()).post(bulkPath()).then().statusCode(202);
    }

    @Test
    void clientCredentialsRejectsBadRequestsTheWayEntraDoes() {
        var base = given().baseUri(emu.baseUrl()).contentType("application/x-www-form-urlencoded");
        base.formParam("grant_type", "password").formParam("client_id", "a").formParam("client_secret", "s")
                .formParam("scope", "https://graph.microsoft.com/.default").post("/t/oauth2/v2.0/token")
                .then().statusCode(400).body("error", equalTo("unsupported_grant_type"));
        given().baseUri(emu.baseUrl()).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials").formParam("client_id", "a").formParam("client_secret",
                "s")
                .formParam("scope", "https://graph.microsoft.com/User.Read").post("/t/oauth2/v2.0/token")
                .then().statusCode(400).body("error", equalTo("invalid_scope"));
        given().baseUri(emu.baseUrl()).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials").formParam("client_id", "a")
                .formParam("scope", "https://graph.microsoft.com/.default").post("/t/oauth2/v2.0/token")
                .then().statusCode(401).body("error", equalTo("invalid_client"));
        emu.updateSettings(s -> s.withClientSecret("right"));
        given().baseUri(emu.baseUrl()).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials").formParam("client_id", "a").formParam("client_secret",
                "wrong")
                .formParam("scope", "https://graph.microsoft.com/.default").post("/t/oauth2/v2.0/token")
                .then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void managedIdentityFollowsTheAppServiceProtocol() {
        long before = Instant.now().getEpochSecond();
        JsonPath token = given().baseUri(emu.identityEndpoint()).header("X-IDENTITY-HEADER", emu.identityHeader())
                .queryParam("resource", "https://graph.microsoft.com").queryParam("api-version", "2019-08-01")
                .queryParam("client_id", "user-assigned-id").get()
                .then().statusCode(200).body("token_type", equalTo("Bearer"))
                .body("resource", equalTo("https://graph.microsoft.com")).body("client_id", equalTo("user-assigned-id"))
                .body("access_token", startsWith("emu.")).extract().jsonPath();
        Object expiresOn = token.get("expires_on");
        assertThat(expiresOn).isInstanceOf(String.class);
        assertThat(Long.parseLong((String) expiresOn)).isBetween(before + 3590, before + 3610);

        given().baseUri(emu.identityEndpoint()).queryParam("resource", "r").queryParam("api-version",
                "2019-08-01").get()
                .then().statusCode(401);
        given().baseUri(emu.identityEndpoint()).header("X-IDENTITY-HEADER", "wrong").queryParam("resource", "r")
                .queryParam("api-version", "2019-08-01").get().then().statusCode(401);
        given().baseUri(emu.identityEndpoint()).header("X-IDENTITY-HEADER", emu.identityHeader())
                .queryParam("resource", "r").queryParam("api-version", "2017-09-01").get().then().statusCode(400);
        given().baseUri(emu.identityEndpoint()).header("X-IDENTITY-HEADER", emu.identityHeader())
                .queryParam("api-version", "2019-08-01").get().then().statusCode(400);
    }

    @Test
    void azureIdentityManagedIdentityCredentialGetsATokenFromTheEmulator() throws Exception {
        // azure-identity (MSAL4J) reads IDENTITY_ENDPOINT / IDENTITY_HEADER from the process environment: a child JVM.
        ManagedIdentityProbe.Result probe = ManagedIdentityProbe.run(Asker.AZURE_IDENTITY, emu.identityEndpoint(),
                emu.identityHeader());
        assertThat(probe.exitCode()).as(probe.output()).isZero();
        String token = probe.value("token").orElseThrow();
        long expires = Long.parseLong(probe.value("expires").orElseThrow());
        assertThat(expires).isGreaterThan(Instant.now().plus(Duration.ofMinutes(50)).getEpochSecond());
        emu.updateSettings(s -> s.withCheckTokens(true));
        given().baseUri(emu.baseUrl()).header("Authorization", "Bearer " + token).get("/beta/auditLogs/provisioning")
                .then().statusCode(200);
    }

    @Test
    void withTokenCheckingUnknownAndExpiredTokensAre401() {
        emu.updateSettings(s -> s.withCheckTokens(true).withTokenLifetime(Duration.ofSeconds(2)));
        upload(Scim.bulk(Scim.user("E1", "e1@example.com", true))).then().statusCode(401)
                .body("error.code", equalTo("InvalidAuthenticationToken"));
        String token = emu.issueToken();
        var request = given().baseUri(emu.baseUrl()).header("Authorization", "Bearer " + token);
        request.get("/beta/auditLogs/provisioning").then().statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() ->
                given().baseUri(emu.baseUrl()).header("Authorization", "Bearer " + token)
                        .get("/beta/auditLogs/provisioning").statusCode() == 401);
        given().baseUri(emu.baseUrl()).header("Authorization", "Bearer " + token).get("/beta/auditLogs/provisioning")
                .then().body("error.message", equalTo("Lifetime validation failed, the token is expired."));
    }
}
