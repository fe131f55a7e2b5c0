package io.entrasync.emulator;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Issues opaque access tokens and remembers when each expires. */
final class TokenIssuer {
    enum Verdict { VALID, UNKNOWN, EXPIRED }

    record IssuedToken(String accessToken, Instant expiresAt, String audience) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, IssuedToken> issued = new ConcurrentHashMap<>();

    IssuedToken issue(Instant now, Duration lifetime, String audience) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = "emu." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        IssuedToken t = new IssuedToken(token, now.plus(lifetime), audience);
        issued.put(token, t);
        return t;
    }

    Verdict check(String token, Instant now) {
        IssuedToken t = issued.get(token);
        if (t == null) {
            return Verdict.UNKNOWN;
        }
        return now.isBefore(t.expiresAt()) ? Verdict.VALID : Verdict.EXPIRED;
    }

    void clear() {
        issued.clear();
    }
}
