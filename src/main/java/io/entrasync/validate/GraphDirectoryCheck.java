package io.entrasync.validate;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.graph.CallGate;
import io.entrasync.graph.CallStats;
import io.entrasync.graph.GraphCallException;
import io.entrasync.graph.GraphClient;
import io.entrasync.source.ExtractException;

/**
 * The directory check through Microsoft Graph's List users
 * (https://learn.microsoft.com/en-us/graph/api/user-list, {@code $filter} with {@code eq} on
 * {@code userPrincipalName} or {@code mail}; application permission {@code User.Read.All}):
 * {@code GET {graph}/v1.0/users?$filter=userPrincipalName eq '<value>'&$select=id,userPrincipalName,employeeId}.
 * An account whose employeeId is the person's externalId is the person's own (API-driven provisioning matches
 * externalId to employeeId by default:
 * https://learn.microsoft.com/en-us/entra/identity/app-provisioning/inbound-provisioning-api-concepts); any other
 * account holds the value. Retries and token are {@link GraphClient}'s; at most {@code maxLookups} calls a run,
 * the rest {@link Answer#UNCHECKED}. A failed lookup stops the run with a sentence naming the permission and the
 * setting. One instance per run; not thread-safe.
 */
public final class GraphDirectoryCheck implements DirectoryCheck {

    static final String PERMISSION = "User.Read.All";

    private final GraphClient graph;
    private final String graphUrl;
    private final ObjectMapper mapper;
    private final String setting;
    private final int maxLookups;
    private final CallStats stats = new CallStats();
    private int lookups;

    /**
     * @param graphUrl the Graph base URL, e.g. {@code https://graph.microsoft.com}
     * @param source the source's name, for the setting named in messages
     */
    public GraphDirectoryCheck(GraphClient graph, String graphUrl, ObjectMapper mapper, String source,
            int maxLookups) {
        this.graph = graph;
        this.graphUrl = graphUrl.endsWith("/") ? graphUrl.substring(0, graphUrl.length() - 1) : graphUrl;
        this.mapper = mapper;
        this.setting = "sync.sources." + source + ".unique.directory-check";
        this.maxLookups = maxLookups;
    }

    /** A new check for one run of {@code source} (its own lookup budget), or {@link DirectoryCheck#OFF}. */
    public static DirectoryCheck forRun(DirectoryCheckSettings settings, GraphClient graph, String graphUrl,
            ObjectMapper mapper, String source) {
        return settings.enabled() ? new GraphDirectoryCheck(graph, graphUrl, mapper, source, settings.maxLookups())
                : DirectoryCheck.OFF;
    }

    @Override
    public Answer check(String attribute, String value, String externalId) {
        String property = DirectoryCheck.graphProperty(attribute);
        if (property == null || lookups >= maxLookups) {
            return Answer.UNCHECKED;
        }
        lookups++;
        JsonNode users;
        try {
            users = mapper.readTree(graph.get(uri(property, value), CallGate.OPEN, stats).body()).path("value");
        } catch (GraphCallException e) {
            // not e's message: its advice is about bulkUpload's permission, not this one
            throw failed(attribute, externalId, e.status() == 0 ? "no answer" : "HTTP " + e.status()
                    + e.serviceCode().map(code -> " " + code).orElse(""), e);
        } catch (JsonProcessingException e) {
            throw failed(attribute, externalId, "the answer is not JSON", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(attribute, externalId, "interrupted", e);
        }
        if (!users.isArray()) {
            throw failed(attribute, externalId, "the answer has no 'value' list", null);
        }
        for (JsonNode user : users) {
            if (!externalId.equals(user.path("employeeId").asText(null))) {
                return Answer.HELD;
            }
        }
        return Answer.FREE;
    }

    @Override
    public int budget() {
        return maxLookups;
    }

    URI uri(String property, String value) {
        String filter = property + " eq '" + value.replace("'", "''") + "'";
        return URI.create(graphUrl + "/v1.0/users?$filter=" + encode(filter)
                + "&$select=" + encode("id,userPrincipalName,mail,employeeId"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private ExtractException failed(String attribute, String externalId, String why, Throwable cause) {
        return new ExtractException("The directory check of unique " + attribute + " could not look up the value "
                + "for externalId " + externalId + " in Microsoft Graph (" + why + "). Nothing is sent without the "
                + "check: grant the app the Microsoft Graph application permission " + PERMISSION + " (admin "
                + "consent), or turn the check off with " + setting + "=false (docs/mapping.md, Unique values).",
                cause);
    }
}
