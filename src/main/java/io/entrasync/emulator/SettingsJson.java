package io.entrasync.emulator;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON form of {@link EmulatorSettings} used by {@code GET/PATCH /_emulator/settings}; durations as {@code 250ms},
 * {@code 5s}.
 */
final class SettingsJson {
    private SettingsJson() {
    }

    static ObjectNode toJson(ObjectMapper mapper, EmulatorSettings s) {
        ObjectNode o = mapper.createObjectNode();
        o.put("port", s.port());
        ArrayNode jobs = o.putArray("jobs");
        s.effectiveJobs().forEach(j -> jobs.addObject().put("servicePrincipalId", j.servicePrincipalId()).put("jobId",
                j.jobId()));
        o.put("tenantId", s.tenantId());
        o.put("callsPerWindow", s.callsPerWindow());
        o.put("callWindow", Durations.format(s.callWindow()));
        o.put("dailyQuota", s.dailyQuota());
        o.put("quotaWindow", Durations.format(s.quotaWindow()));
        o.put("reportsCallsPerWindow", s.reportsCallsPerWindow());
        o.put("reportsWindow", Durations.format(s.reportsWindow()));
        o.put("processingDelay", Durations.format(s.processingDelay()));
        o.put("logDelay", Durations.format(s.logDelay()));
        o.put("checkTokens", s.checkTokens());
        o.put("tokenLifetime", Durations.format(s.tokenLifetime()));
        o.put("identityHeader", s.identityHeader());
        o.put("clientSecretRequired", s.clientSecret() != null);
        o.put("throttleProbability", s.throttleProbability());
        o.put("serverErrorProbability", s.serverErrorProbability());
        o.put("unavailableProbability", s.unavailableProbability());
        o.put("dropConnectionProbability", s.dropConnectionProbability());
        o.put("injectedRetryAfter", Durations.format(s.injectedRetryAfter()));
        o.put("failingExternalIdPattern", s.failingExternalIdPattern());
        o.put("failingErrorCode", s.failingErrorCode());
        o.put("failingTransient", s.failingTransient());
        o.put("activeWhenMissingOnCreate", s.activeWhenMissingOnCreate());
        o.put("latency", s.network().latencyText());
        o.put("htmlServerErrorProbability", s.network().htmlServerErrorProbability());
        o.put("badGatewayProbability", s.network().badGatewayProbability());
        o.put("lostAnswerProbability", s.network().lostAnswerProbability());
        o.put("countsAtAnswer", s.network().countsAtAnswer());
        o.put("lateArrivalProbability", s.network().lateArrivalProbability());
        o.put("arrivalDelay", Durations.format(s.network().arrivalDelay()));
        return o;
    }

    /** Applies the keys present in {@code patch}; unknown keys, start-up-only keys and bad values are errors. */
    static EmulatorSettings applyPatch(EmulatorSettings s, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw new IllegalArgumentException("The settings patch must be a JSON object, e.g. {\"logDelay\":\"0\"}");
        }
        EmulatorSettings r = s;
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode v = e.getValue();
            r = switch (key) {
                case "port", "jobs", "tenantId" -> throw new IllegalArgumentException(
                        "'" + key + "' is read at start-up only; restart the emulator to change it");
                case "callsPerWindow" -> r.withCallsPerWindow(integer(key, v), r.callWindow());
                case "callWindow" -> r.withCallsPerWindow(r.callsPerWindow(), duration(key, v));
                case "dailyQuota" -> r.withDailyQuota(integer(key, v), r.quotaWindow());
                case "quotaWindow" -> r.withDailyQuota(r.dailyQuota(), duration(key, v));
                case "reportsCallsPerWindow" -> r.withReportsCallsPerWindow(integer(key, v), r.reportsWindow());
                case "reportsWindow" -> r.withReportsCallsPerWindow(r.reportsCallsPerWindow(), duration(key, v));
                case "processingDelay" -> r.withProcessingDelay(duration(key, v));
                case "logDelay" -> r.withLogDelay(duration(key, v));
                case "checkTokens" -> r.withCheckTokens(bool(key, v));
                case "tokenLifetime" -> r.withTokenLifetime(duration(key, v));
                case "identityHeader" -> r.withIdentityHeader(text(key, v, false));
                case "clientSecret" -> r.withClientSecret(text(key, v, true));
                case "throttleProbability" -> r.withFaults(number(key, v), r.serverErrorProbability(),
                        r.unavailableProbability(), r.dropConnectionProbability());
                case "serverErrorProbability" -> r.withFaults(r.throttleProbability(), number(key, v),
                        r.unavailableProbability(), r.dropConnectionProbability());
                case "unavailableProbability" -> r.withFaults(r.throttleProbability(), r.serverErrorProbability(),
                        number(key, v), r.dropConnectionProbability());
                case "dropConnectionProbability" -> r.withFaults(r.throttleProbability(), r.serverErrorProbability(),
                        r.unavailableProbability(), number(key, v));
                case "injectedRetryAfter" -> r.withInjectedRetryAfter(duration(key, v));
                case "failingExternalIdPattern" -> r.withFailingExternalIds(text(key, v, true), r.failingErrorCode(),
                        r.failingTransient());
                case "failingErrorCode" -> r.withFailingExternalIds(r.failingExternalIdPattern(), text(key, v, false),
                        r.failingTransient());
                case "failingTransient" -> r.withFailingExternalIds(r.failingExternalIdPattern(), r.failingErrorCode(),
                        bool(key, v));
                case "activeWhenMissingOnCreate" -> r.withActiveWhenMissingOnCreate(bool(key, v));
                case "latency" -> {
                    Duration[] range = NetworkConditions.parseLatency(v.isIntegralNumber() ? v.asText() + "ms"
                            : text(key, v, false));
                    yield r.withLatency(range[0], range[1]);
                }
                case "htmlServerErrorProbability" -> r.withNetwork(r.network().withGatewayFaults(number(key, v),
                        r.network().badGatewayProbability(), r.network().lostAnswerProbability()));
                case "badGatewayProbability" -> r.withNetwork(r.network().withGatewayFaults(
                        r.network().htmlServerErrorProbability(), number(key, v), r.network().lostAnswerProbability()));
                case "lostAnswerProbability" -> r.withNetwork(r.network().withGatewayFaults(
                        r.network().htmlServerErrorProbability(), r.network().badGatewayProbability(), number(key, v)));
                case "countsAtAnswer" -> r.withNetwork(r.network().withCountingAtAnswer(bool(key, v)));
                case "lateArrivalProbability" -> r.withNetwork(r.network().withLateArrivals(number(key, v),
                        r.network().arrivalDelay()));
                case "arrivalDelay" -> r.withNetwork(r.network().withLateArrivals(
                        r.network().lateArrivalProbability(), duration(key, v)));
                default -> throw new IllegalArgumentException("Unknown setting '" + key
                        + "'; GET /_emulator/settings lists them");
            };
        }
        return r;
    }

    private static int integer(String key, JsonNode v) {
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("'" + key + "' must be an integer, got " + v);
        }
        return v.intValue();
    }

    private static double number(String key, JsonNode v) {
        if (!v.isNumber()) {
            throw new IllegalArgumentException("'" + key + "' must be a number between 0 and 1, got " + v);
        }
        return v.doubleValue();
    }

    private static boolean bool(String key, JsonNode v) {
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("'" + key + "' must be true or false, got " + v);
        }
        return v.booleanValue();
    }

    private static Duration duration(String key, JsonNode v) {
        if (v.isIntegralNumber()) {
            return Duration.ofMillis(v.longValue());
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("'" + key + "' must be a duration such as \"250ms\" or \"5s\", got "
                    + v);
        }
        return Durations.parse(v.textValue());
    }

    private static String text(String key, JsonNode v, boolean nullable) {
        if (v.isNull() && nullable) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("'" + key + "' must be a string" + (nullable ? " or null" : "")
                    + ", got " + v);
        }
        return v.textValue();
    }
}
