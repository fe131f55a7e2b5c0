package io.entrasync.auth;

import java.util.Locale;

/** How a source gets its Graph token. */
public enum AuthMode {
    /**
     * The host's managed identity (Azure Functions, App Service, VMs): system-assigned, or user-assigned by client id.
     */
    MANAGED_IDENTITY,
    /** An app registration's client credentials: a client secret or a federated token file (workload identity). */
    CLIENT_CREDENTIALS,
    /** The admin signed in to the Azure CLI ({@code az login}): for the admin commands run from a laptop. */
    AZURE_CLI;

    /** Reads {@code managed-identity}, {@code client-credentials}, {@code azure-cli} (any case, {@code _} or -). */
    public static AuthMode parse(String text) {
        String normalized = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return valueOf(normalized);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Unknown auth mode '" + text + "': use managed-identity, client-credentials or azure-cli", e);
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
