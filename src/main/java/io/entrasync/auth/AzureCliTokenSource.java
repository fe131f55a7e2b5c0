package io.entrasync.auth;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Tokens of the person signed in to the Azure CLI ({@code az login}), for the admin commands run from a laptop:
 * {@code az account get-access-token --resource https://graph.microsoft.com --output json [--tenant <tenant>]}.
 * The answer, as the Azure CLI writes it (Azure/azure-cli, {@code src/azure-cli/azure/cli/command_modules/profile/
 * custom.py}, {@code get_access_token}): {@code accessToken}, {@code expiresOn} (local time,
 * {@code 2026-12-08 01:00:00.000000}), {@code expires_on} (epoch seconds, Azure CLI 2.54 and later),
 * {@code subscription}, {@code tenant}, {@code tokenType}.
 * <p>
 * {@code az} is looked up on the {@code PATH} of the environment given (the process's own in production), and run with
 * that environment, so a test can put a stand-in first on a child process's PATH. The run is bounded
 * ({@link #TIMEOUT}); its error output (what {@code az} says, e.g. "Please run 'az login'") is quoted, its token never.
 */
public final class AzureCliTokenSource implements TokenSource {

    /** An {@code az} that signs in interactively or refreshes slowly still answers well within this. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int MOST_OUTPUT_BYTES = 64 * 1024;
    private static final DateTimeFormatter EXPIRES_ON = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<String> tenant;
    private final String resource;
    private final Map<String, String> environment;

    /**
     * @param tenant the tenant to ask a token for ({@code --tenant}); empty = the CLI's signed-in tenant
     * @param scope the scope ({@code https://graph.microsoft.com/.default}); the CLI takes the resource without
     *        {@code /.default}
     * @param environment the environment {@code az} runs with and whose {@code PATH} finds it
     */
    public AzureCliTokenSource(Optional<String> tenant, String scope, Map<String, String> environment) {
        this.tenant = tenant.filter(t -> !t.isBlank());
        this.resource = scope.endsWith("/.default") ? scope.substring(0, scope.length() - "/.default".length())
                : scope;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public AccessToken fetch() {
        Path az = executable().orElseThrow(() -> new TokenAcquisitionException("The Azure CLI ('az') is not on the"
                + " PATH. Install it and run 'az login', or use another auth mode (--auth client-credentials, or"
                + " sync.sources.<name>.auth.mode).", false, null));
        List<String> command = new ArrayList<>(List.of(az.toString(), "account", "get-access-token", "--resource",
                resource, "--output", "json"));
        tenant.ifPresent(t -> command.addAll(List.of("--tenant", t)));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new TokenAcquisitionException("The Azure CLI (" + az + ") could not be started: " + e.getMessage(),
                    false, e);
        }
        try {
            process.getOutputStream().close(); // az reads nothing from us
        } catch (IOException e) {
            // nothing was to be written
        }
        return read(process);
    }

    private AccessToken read(Process process) {
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
        try {
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new TokenAcquisitionException("The Azure CLI did not answer within " + TIMEOUT.toSeconds()
                        + " s ('az account get-access-token'). Run it yourself to see why.", true, null);
            }
            String said = err.get(5, TimeUnit.SECONDS).strip();
            if (process.exitValue() != 0) {
                throw new TokenAcquisitionException("The Azure CLI gave no token for " + resource
                        + tenant.map(t -> " in tenant " + t).orElse("") + " (exit " + process.exitValue() + "): "
                        + (said.isEmpty() ? "it said nothing" : SecretScrubber.PATTERNS.scrub(firstLines(said)))
                        + ". Run 'az login" + tenant.map(t -> " --tenant " + t).orElse("")
                        + "' as an admin with the permissions the command needs (docs/schema-and-jobs.md).",
                        false, null);
            }
            return token(out.get(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new TokenAcquisitionException("Interrupted while the Azure CLI fetched a token", true, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new TokenAcquisitionException("The Azure CLI's output could not be read: " + e.getMessage(), true,
                    e);
        }
    }

    private static AccessToken token(String output) {
        JsonNode json;
        try {
            json = JSON.readTree(output);
        } catch (IOException e) {
            throw new TokenAcquisitionException("The Azure CLI's answer to 'az account get-access-token' is not JSON;"
                    + " update the Azure CLI (az upgrade).", false, null);
        }
        String value = json == null ? "" : json.path("accessToken").asText("");
        if (value.isBlank()) {
            throw new TokenAcquisitionException("The Azure CLI's answer has no accessToken; update the Azure CLI"
                    + " (az upgrade).", false, null);
        }
        return new AccessToken(value, expiresAt(json));
    }

    /** {@code expires_on} (epoch seconds) when the CLI is new enough, else {@code expiresOn} in local time. */
    private static Instant expiresAt(JsonNode json) {
        if (json.path("expires_on").canConvertToLong()) {
            return Instant.ofEpochSecond(json.path("expires_on").asLong());
        }
        String local = json.path("expiresOn").asText("");
        try {
            return LocalDateTime.parse(local, EXPIRES_ON).atZone(ZoneId.systemDefault()).toInstant();
        } catch (DateTimeParseException e) {
            throw new TokenAcquisitionException("The Azure CLI's answer has no readable expiry ('" + local
                    + "'); update the Azure CLI (az upgrade).", false, e);
        }
    }

    /** {@code az} ({@code az.cmd} on Windows) in the first {@code PATH} directory that has it. */
    private Optional<Path> executable() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        String name = windows ? "az.cmd" : "az";
        String path = environment.getOrDefault("PATH", environment.getOrDefault("Path", ""));
        for (String directory : path.split(Pattern.quote(File.pathSeparator), -1)) {
            if (directory.isBlank()) {
                continue;
            }
            Path candidate = Path.of(directory, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String drain(InputStream in) {
        try (in) {
            byte[] bytes = in.readNBytes(MOST_OUTPUT_BYTES);
            in.transferTo(OutputStream.nullOutputStream());
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstLines(String text) {
        return String.join(" ", text.lines().limit(3).map(String::strip).toList());
    }
}
