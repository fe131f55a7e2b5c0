package io.entrasync.job;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

import io.entrasync.auth.AccessTokenProvider;

/** Adds {@code Authorization: Bearer <token>} from the source's token provider to every Graph request. */
final class BearerTokenFilter implements ClientRequestFilter {

    private final AccessTokenProvider tokens;

    BearerTokenFilter(AccessTokenProvider tokens) {
        this.tokens = tokens;
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.accessToken());
    }
}
