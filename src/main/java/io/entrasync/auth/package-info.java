/**
 * Access tokens for Microsoft Graph: from the managed identity (azure-identity) or OAuth2 client credentials with
 * a secret or a federated assertion, cached and refreshed before they expire, never logged.
 * Entry point: {@link io.entrasync.auth.TokenProviders}, which builds the {@link io.entrasync.auth.AccessTokenProvider}
 * of a source from its {@link io.entrasync.auth.AuthSettings}.
 */
package io.entrasync.auth;
