package io.entrasync.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --auth azure-cli}: a stand-in {@code az} first on the PATH of the child process (the machine's own PATH and
 * Azure CLI are never touched), answering as {@code az account get-access-token --output json} does (Azure/azure-cli,
 * {@code src/azure-cli/azure/cli/command_modules/profile/custom.py}, {@code get_access_token}).
 */
@DisabledOnOs(OS.WINDOWS) // the stand-in is a POSIX shell script
class AzureCliTokenSourceTest {

    private static final String GRAPH_SCOPE = AuthSettings.GRAPH_SCOPE;

    @TempDir
    Path bin;

    /** Writes {@code bin/az}: records its arguments in {@code bin/args}, then runs {@code body}. */
    private Map<String, String> standIn(String body) throws IOException {
        Path az = bin.resolve("az");
        Files.writeString(az, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"" + bin.resolve("args") + "\"\n" + body + "\n",
                StandardCharsets.UTF_8);
        assertThat(az.toFile().setExecutable(true)).isTrue();
        Map<String, String> environment = new HashMap<>();
        environment.put("PATH", bin + ":/usr/bin:/bin");
        return environment;
    }

    private String arguments() throws IOException {
        return String.join(" ", Files.readAllLines(bin.resolve("args")));
    }

    @Test
    void theSignedInAdminsGraphTokenIsAskedForTheSourcesTenantAndCachedUntilItExpires() throws IOException {
        Map<String, String> environment = standIn("""
                cat <<'JSON'
                {
                  "accessToken": "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.admin.sig",
                  "expiresOn": "2099-01-01 00:59:59.000000",
                  "expires_on": 4070912399,
                  "subscription": "00000000-0000-0000-0000-000000000000",
                  "tenant": "11111111-1111-1111-1111-111111111111",
                  "tokenType": "Bearer"
                }
                JSON""");
        AzureCliTokenSource source = new AzureCliTokenSource(Optional.of("contoso.onmicrosoft.com"), GRAPH_SCOPE,
                environment);

        AccessToken token = source.fetch();

        assertThat(token.value()).isEqualTo("eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.admin.sig");
        assertThat(token.expiresAt()).isEqualTo(Instant.ofEpochSecond(4070912399L));
        assertThat(arguments()).isEqualTo("account get-access-token --resource https://graph.microsoft.com --output"
                + " json --tenant contoso.onmicrosoft.com");
        assertThat(new CachingTokenProvider(source).accessToken()).endsWith(".admin.sig");
    }

    @Test
    void anOlderCliWithOnlyTheLocalExpiresOnIsReadInTheLocalTimeZone() throws IOException {
        Map<String, String> environment = standIn("""
                echo '{"accessToken": "tok", "expiresOn": "2099-01-01 00:59:59.123456", "tokenType": "Bearer"}'""");

        AccessToken token = new AzureCliTokenSource(Optional.empty(), GRAPH_SCOPE, environment).fetch();

        assertThat(token.expiresAt()).isEqualTo(LocalDateTime.parse("2099-01-01T00:59:59.123456")
                .atZone(ZoneId.systemDefault()).toInstant());
        assertThat(arguments()).doesNotContain("--tenant");
    }

    @Test
    void anAdminWhoIsNotSignedInIsToldToRunAzLoginWithWhatAzSaid() throws IOException {
        Map<String, String> environment = standIn("""
                echo "ERROR: Please run 'az login' to setup account." >&2
                exit 1""");

        assertThatThrownBy(() -> new AzureCliTokenSource(Optional.of("contoso.onmicrosoft.com"), GRAPH_SCOPE,
                environment).fetch())
                .isInstanceOfSatisfying(TokenAcquisitionException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("gave no token for https://graph.microsoft.com in tenant contoso.onmicrosoft.com")
                .hasMessageContaining("ERROR: Please run 'az login' to setup account.")
                .hasMessageContaining("Run 'az login --tenant contoso.onmicrosoft.com'");
    }

    @Test
    void aTokenInWhatAzSaysIsNeverRepeated() throws IOException {
        Map<String, String> environment = standIn("""
                echo "refresh failed for Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.c2ln" >&2
                exit 1""");

        assertThatThrownBy(() -> new AzureCliTokenSource(Optional.empty(), GRAPH_SCOPE, environment).fetch())
                .hasMessageNotContaining("eyJzdWIiOiJ4In0");
    }

    @Test
    void noAzOnThePathOrAnAnswerWithoutATokenSaysWhatToDo() throws IOException {
        Map<String, String> noAz = Map.of("PATH", bin.resolve("empty").toString());
        assertThatThrownBy(() -> new AzureCliTokenSource(Optional.empty(), GRAPH_SCOPE, noAz).fetch())
                .hasMessageContaining("The Azure CLI ('az') is not on the PATH")
                .hasMessageContaining("--auth client-credentials");

        Map<String, String> environment = standIn("echo 'WARNING: something else'");
        assertThatThrownBy(() -> new AzureCliTokenSource(Optional.empty(), GRAPH_SCOPE, environment).fetch())
                .hasMessageContaining("not JSON").hasMessageContaining("az upgrade");
    }

    @Test
    void azureCliIsAnAuthMode() {
        assertThat(AuthMode.parse("azure-cli")).isEqualTo(AuthMode.AZURE_CLI);
        assertThat(AuthMode.AZURE_CLI.label()).isEqualTo("azure-cli");
        assertThatThrownBy(() -> AuthMode.parse("az")).hasMessageContaining("azure-cli");
    }
}
