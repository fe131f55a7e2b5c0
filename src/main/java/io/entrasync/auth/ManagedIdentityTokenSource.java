package io.entrasync.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelineSyncPolicy;
import com.azure.identity.CredentialUnavailableException;
import com.azure.identity.ManagedIdentityCredentialBuilder;

/**
 * Tokens from the host's managed identity through azure-identity's {@code ManagedIdentityCredential}: in Azure
 * Functions it reads {@code IDENTITY_ENDPOINT} and {@code IDENTITY_HEADER}; elsewhere it finds the platform's endpoint
 * (IMDS on VMs). A client id selects a user-assigned identity.
 *
 * <p>azure-identity already retries within one fetch (its HTTP pipeline retries 408, 429 and 5xx answers and failed
 * connections a few times with backoff; MSAL retries some statuses again). What is still failing after that is
 * reported as <em>transient</em> when the endpoint answered 408, 429 or 5xx or did not answer at all (refused, reset,
 * timed out): the identity endpoint is a local platform service that restarts now and then, so the Graph client retries
 * such a failure with its own backoff before the run gives up, and the attempt costs no quota. A 4xx answer (the
 * identity is not enabled or not assigned, a wrong client id) or no identity endpoint at all is not transient.
 */
public final class ManagedIdentityTokenSource implements TokenSource {

    private final TokenCredential credential;
    private final TokenRequestContext request;
    private final String identity;
    private final LastStatus lastStatus = new LastStatus();

    public ManagedIdentityTokenSource(Optional<String> userAssignedClientId, String scope) {
        ManagedIdentityCredentialBuilder builder = new ManagedIdentityCredentialBuilder().addPolicy(lastStatus);
        userAssignedClientId.ifPresent(builder::clientId);
        this.credential = builder.build();
        this.request = new TokenRequestContext().addScopes(scope);
        this.identity = userAssignedClientId.map(id -> "user-assigned managed identity " + id)
                .orElse("system-assigned managed identity");
    }

    /** Called one at a time ({@link CachingTokenProvider} serializes fetches), so one last status suffices. */
    @Override
    public AccessToken fetch() {
        lastStatus.status.set(0);
        try {
            com.azure.core.credential.AccessToken token = credential.getTokenSync(request);
            return new AccessToken(token.getToken(), token.getExpiresAt().toInstant());
        } catch (RuntimeException e) {
            throw failure(e, lastStatus.status.get());
        }
    }

    private TokenAcquisitionException failure(RuntimeException e, int status) {
        String prefix = "The " + identity + " could not get a token: ";
        if (status == 408 || status == 429 || status >= 500) {
            return new TokenAcquisitionException(prefix + "the identity endpoint answered " + status
                    + " (after azure-identity's own retries). This is usually temporary (the platform's identity"
                    + " endpoint restarting or busy); it is retried. If it lasts, check the app's identity in the"
                    + " Azure portal and the platform's status.", true, e);
        }
        Optional<Throwable> noAnswer = status == 0 ? networkFailure(e) : Optional.empty();
        if (noAnswer.isPresent()) {
            return new TokenAcquisitionException(prefix + "the identity endpoint did not answer ("
                    + firstLine(noAnswer.get().getMessage()) + "). This is usually temporary; it is retried. If it"
                    + " lasts, check that the identity is enabled on the app (IDENTITY_ENDPOINT is set by the host).",
                    true, e);
        }
        String advice = e instanceof CredentialUnavailableException
                ? "no managed identity endpoint was found; outside Azure use --auth client-credentials."
                : "In Azure, check that the identity is enabled on the app (and assigned, for a user-assigned one);"
                        + " outside Azure use --auth client-credentials.";
        return new TokenAcquisitionException(prefix + firstLine(deepestMessage(e)) + ". " + advice, false, e);
    }

    /** A refused, reset or timed-out connection somewhere in the causes (an unknown host is a wrong endpoint). */
    private static Optional<Throwable> networkFailure(Throwable e) {
        Optional<Throwable> found = Optional.empty();
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return Optional.empty();
            }
            if ((t instanceof IOException && !(t.getCause() instanceof IOException))
                    || t instanceof TimeoutException) {
                found = Optional.of(t);
            } else if (found.isEmpty() && t instanceof UncheckedIOException) {
                found = Optional.of(t);
            }
        }
        return found;
    }

    /** azure-identity's own message is "see inner exception"; the innermost one says what the endpoint answered. */
    private static String deepestMessage(Throwable e) {
        String message = e.getMessage();
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /** Remembers the HTTP status of the identity endpoint's last answer, which azure-identity's exceptions lose. */
    private static final class LastStatus extends HttpPipelineSyncPolicy {
        final AtomicInteger status = new AtomicInteger();

        @Override
        protected HttpResponse afterReceivedResponse(HttpPipelineCallContext context, HttpResponse response) {
            status.set(response.getStatusCode());
            return response;
        }
    }
}
