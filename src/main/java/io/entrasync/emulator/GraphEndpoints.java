package io.entrasync.emulator;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The Microsoft Graph surface: bulkUpload and the provisioning logs (the job itself: {@link JobEndpoints}). */
final class GraphEndpoints {
    private static final Set<String> LOG_QUERY_OPTIONS = Set.of("$filter", "$top", "$skiptoken");
    private static final int MAX_TOP = 1000;
    private static final int DEFAULT_TOP = 100;

    private final ProvisioningEmulator emu;

    GraphEndpoints(ProvisioningEmulator emu) {
        this.emu = emu;
    }

    void bulkUpload(Exchange ex, String version, String sp, String jobId) throws IOException {
        EmulatorRouter.requireMethod(ex, "POST");
        EmulatorSettings s = emu.settings();
        GatewayFault gateway = s.network().drawGatewayFault();
        if (gateway != null) {
            throw gateway; // a front end failed: the call never reached the service and is not counted
        }
        authenticate(ex, s);
        JobState job = job(sp, jobId);
        injectFaults(s);
        try {
            s.network().delayArrival(); // on its way: the service counts it only when it arrives
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean countsAtAnswer = s.network().countsAtAnswer();
        if (countsAtAnswer) {
            hold(s); // the latency passes before the service counts the call
        }
        Instant now = emu.clock.instant();
        emu.arrivals.record(now);
        // One window for the tenant, whichever job is called: Microsoft's concepts page states the daily quota as
        // "tenant-level" and the 40 calls in any 5 s without saying per what, so the emulator takes the strict
        // reading (every job of the tenant shares it), as docs/emulator.md explains.
        Duration wait = emu.tenantCallWindow.tryAcquire(now, s.callsPerWindow(), s.callWindow());
        if (!wait.isZero()) {
            long seconds = SlidingWindowLimiter.toRetryAfterSeconds(wait);
            throw new EmulatorException(429, "TooManyRequests", "Too many bulkUpload calls for the tenant (job " + jobId
                    + " and every other job of the tenant): the limit is " + s.callsPerWindow() + " calls in any "
                    + Durations.format(s.callWindow()) + ". Retry after " + seconds + " s.", seconds);
        }
        Duration quotaWait = emu.tenantQuota.tryAcquire(now, s.dailyQuota(), s.quotaWindow());
        if (!quotaWait.isZero()) {
            long seconds = SlidingWindowLimiter.toRetryAfterSeconds(quotaWait);
            throw new EmulatorException(429, "TooManyRequests", "The tenant's quota of " + s.dailyQuota()
                    + " bulkUpload calls per " + Durations.format(s.quotaWindow()) + " is used up. Retry after "
                    + seconds + " s.", seconds);
        }
        String contentType = ex.header("Content-Type");
        String mediaType = contentType == null ? null : contentType.split(";", -1)[0].trim().toLowerCase(Locale.ROOT);
        if (!"application/scim+json".equals(mediaType)) {
            throw EmulatorException.badRequest("Content-Type must be application/scim+json, got "
                    + (contentType == null ? "none" : "'" + contentType + "'") + ".");
        }
        BulkUpload upload = emu.parser.parse(ex.body());
        emu.stats.accepted.incrementAndGet();
        emu.accept(job, upload);
        // As the real service writes it: spaces encoded, quotes not.
        String filter = "jobid%20eq%20'" + encode(jobId) + "'";
        ex.http.getResponseHeaders().set("Location", emu.baseUrl() + "/" + version
                + "/auditLogs/provisioning/?$filter=" + filter);
        if (!countsAtAnswer) {
            hold(s);
        }
        if (s.network().drawLostAnswer()) {
            emu.arrivals.lostAnswer();
            throw new LostAnswer(); // accepted and processed, but the client never hears it
        }
        ex.sendEmpty(202);
    }

    void provisioningLogs(Exchange ex, String version) throws IOException {
        EmulatorRouter.requireMethod(ex, "GET");
        EmulatorSettings s = emu.settings();
        authenticate(ex, s);
        Instant now = emu.clock.instant();
        Duration wait = emu.reportsWindow.tryAcquire(now, s.reportsCallsPerWindow(), s.reportsWindow());
        if (!wait.isZero()) {
            long seconds = SlidingWindowLimiter.toRetryAfterSeconds(wait);
            throw new EmulatorException(429, "TooManyRequests", "Too many requests to the reports API: the limit is "
                    + s.reportsCallsPerWindow() + " requests in any " + Durations.format(s.reportsWindow())
                    + ". Retry after " + seconds + " s.", seconds);
        }
        Map<String, String> query = ex.query();
        for (String key : query.keySet()) {
            if (!LOG_QUERY_OPTIONS.contains(key)) {
                throw EmulatorException.badRequest("Query option '" + key
                        + "' is not supported here (supported: $filter, $top, $skiptoken).");
            }
        }
        LogFilter filter = LogFilter.parse(query.get("$filter"));
        int top = top(query.get("$top"));
        ProvisioningLog.Page page = emu.log.query(filter, now, top, query.get("$skiptoken"));
        ObjectNode o = emu.mapper.createObjectNode();
        o.put("@odata.context", emu.baseUrl() + "/" + version + "/$metadata#auditLogs/provisioning");
        ArrayNode values = o.putArray("value");
        page.entries().forEach(e -> values.add(e.json()));
        if (page.nextSkipToken() != null) {
            StringBuilder next = new StringBuilder(emu.baseUrl()).append('/').append(version)
                    .append("/auditLogs/provisioning?");
            if (query.containsKey("$filter")) {
                next.append("$filter=").append(encode(query.get("$filter"))).append('&');
            }
            next.append("$top=").append(top).append("&$skiptoken=").append(encode(page.nextSkipToken()));
            o.put("@odata.nextLink", next.toString());
        }
        ex.sendJson(200, o);
    }

    /** Holds a bulkUpload answer for the configured network latency. */
    static void hold(EmulatorSettings s) {
        try {
            s.network().hold();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int top(String text) {
        if (text == null) {
            return DEFAULT_TOP;
        }
        try {
            int top = Integer.parseInt(text.trim());
            if (top >= 1 && top <= MAX_TOP) {
                return top;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        throw EmulatorException.badRequest("$top must be an integer from 1 to " + MAX_TOP + ", got '" + text + "'.");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    JobState job(String sp, String jobId) {
        JobState job = emu.job(jobId).orElse(null);
        if (job == null || !job.ref.servicePrincipalId().equals(sp)) {
            throw new EmulatorException(404, "ResourceNotFound", "No synchronization job '" + jobId
                    + "' on service principal '" + sp + "'. GET /_emulator/jobs lists the jobs this emulator serves.");
        }
        return job;
    }

    void authenticate(Exchange ex, EmulatorSettings s) {
        String header = ex.header("Authorization");
        if (header == null || header.isBlank()) {
            throw new EmulatorException(401, "InvalidAuthenticationToken", "Access token is empty.");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            throw new EmulatorException(401, "InvalidAuthenticationToken",
                    "Access token validation failure: expected 'Authorization: Bearer <token>'.");
        }
        if (!s.checkTokens()) {
            return;
        }
        switch (emu.tokens.check(header.substring(7).trim(), emu.clock.instant())) {
            case UNKNOWN -> throw new EmulatorException(401, "InvalidAuthenticationToken",
                    "Access token validation failure. The token was not issued by this emulator's token endpoints.");
            case EXPIRED -> throw new EmulatorException(401, "InvalidAuthenticationToken",
                    "Lifetime validation failed, the token is expired.");
            default -> { }
        }
    }

    private static void injectFaults(EmulatorSettings s) {
        double draw = ThreadLocalRandom.current().nextDouble();
        long retryAfter = (s.injectedRetryAfter().toMillis() + 999) / 1000;
        if ((draw -= s.throttleProbability()) < 0) {
            throw new EmulatorException(429, "TooManyRequests",
                    "Injected throttling (throttleProbability). Retry after " + retryAfter + " s.", retryAfter);
        }
        if ((draw -= s.serverErrorProbability()) < 0) {
            throw new EmulatorException(500, "InternalServerError", "Injected server error (serverErrorProbability).");
        }
        if ((draw -= s.unavailableProbability()) < 0) {
            throw new EmulatorException(503, "ServiceUnavailable",
                    "Injected unavailability (unavailableProbability). Retry after " + retryAfter + " s.", retryAfter);
        }
        if (draw - s.dropConnectionProbability() < 0) {
            throw new DropConnection();
        }
    }
}
