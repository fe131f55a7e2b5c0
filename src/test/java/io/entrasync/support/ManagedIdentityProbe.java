package io.entrasync.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import io.entrasync.auth.AccessTokenProvider;
import io.entrasync.auth.AuthSettings;
import io.entrasync.auth.CachingTokenProvider;
import io.entrasync.auth.ManagedIdentityTokenSource;
import io.entrasync.auth.TokenAcquisitionException;

/**
 * Gets a managed-identity token in a child JVM whose environment has {@code IDENTITY_ENDPOINT} and
 * {@code IDENTITY_HEADER}, as the Functions host sets them: azure-identity (through MSAL4J) reads them from the process
 * environment only, which a running JVM cannot change. Two ways to ask: azure-identity's own credential (what the
 * emulator must satisfy) or this app's token provider (what the client does with it). The child prints
 * {@code key=value} lines: {@code token}, {@code expires} (epoch seconds), {@code cached}, or {@code error} and
 * {@code transient}.
 */
public final class ManagedIdentityProbe {

    /** Who asks for the token in the child JVM. */
    public enum Asker {
        /** {@code ManagedIdentityCredential} of azure-identity, nothing of this app. */
        AZURE_IDENTITY,
        /** This app's managed-identity token provider, asked twice (the second answer must come from its cache). */
        APP
    }

    /** What the child printed, and how it ended. */
    public record Result(int exitCode, String output, Map<String, String> values) {
        public Optional<String> value(String key) {
            return Optional.ofNullable(values.get(key));
        }

        public List<String> lines() {
            return output.lines().toList();
        }
    }

    private ManagedIdentityProbe() {
    }

    /** Runs the probe against {@code identityEndpoint} with {@code identityHeader}; waits at most three minutes. */
    public static Result run(Asker asker, String identityEndpoint, String identityHeader)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                ManagedIdentityProbe.class.getName(), asker.name()).redirectErrorStream(true);
        builder.environment().put("IDENTITY_ENDPOINT", identityEndpoint);
        builder.environment().put("IDENTITY_HEADER", identityHeader);
        builder.environment().remove("MSI_ENDPOINT");
        builder.environment().remove("MSI_SECRET");
        builder.environment().remove("IMDS_ENDPOINT");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as(output).isTrue();
        Map<String, String> values = new LinkedHashMap<>();
        output.lines().filter(line -> line.matches("[a-z]+=.*"))
                .forEach(line -> values.putIfAbsent(line.substring(0, line.indexOf('=')),
                        line.substring(line.indexOf('=') + 1)));
        return new Result(process.exitValue(), output, values);
    }

    public static void main(String[] args) {
        if (Asker.valueOf(args[0]) == Asker.AZURE_IDENTITY) {
            AccessToken token = new ManagedIdentityCredentialBuilder().build()
                    .getTokenSync(new TokenRequestContext().addScopes("https://graph.microsoft.com/.default"));
            System.out.println("token=" + token.getToken());
            System.out.println("expires=" + token.getExpiresAt().toEpochSecond());
            return;
        }
        Optional<String> clientId = args.length > 1 ? Optional.of(args[1]) : Optional.empty();
        AccessTokenProvider provider = new CachingTokenProvider(
                new ManagedIdentityTokenSource(clientId, AuthSettings.GRAPH_SCOPE));
        try {
            String first = provider.accessToken();
            String second = provider.accessToken();
            System.out.println("cached=" + isSameInstance(first, second));
            System.out.println("token=" + first);
        } catch (TokenAcquisitionException e) {
            System.out.println("error=" + e.getMessage());
            System.out.println("transient=" + e.isTransient());
        }
    }

    @SuppressWarnings("ReferenceEquality") // a cached token is the same object, not an equal one
    private static boolean isSameInstance(Object first, Object second) {
        return first == second;
    }
}
