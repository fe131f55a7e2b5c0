package io.entrasync.functions.customhandler;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.emulator.ProvisioningEmulator;
import io.entrasync.support.TestAzurite;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * What the custom-handler door runs against: Azurite, the provisioning emulator, file sources {@code hr},
 * {@code hr2}, {@code hr3}, {@code hr4} (Microsoft's sample mapping) and an HR API source {@code sf} (the
 * successfactors preset against a WireMock stub answering one OData v2 page of three users), all uploading with client
 * credentials from the emulator's token endpoint through the app's token client. Fresh containers, so nothing is
 * shared with other test classes.
 */
public class CustomHandlerResource implements QuarkusTestResourceLifecycleManager {

    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    static final String INBOUND = "inbound-" + SUFFIX;
    static final String PROCESSED = "processed-" + SUFFIX;
    static ProvisioningEmulator emulator;
    static WireMockServer hrApi;

    @Override
    public Map<String, String> start() {
        emulator = ProvisioningEmulator.start(EmulatorSettings.fast().withPort(0).withCheckTokens(true));
        hrApi = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        hrApi.start();
        hrApi.stubFor(get(urlPathEqualTo("/odata/v2/User")).willReturn(okJson(successFactorsPage())));
        Map<String, String> config = new HashMap<>();
        config.put("sync.state.connection-string", TestAzurite.connectionString());
        config.put("sync.state.container", "state-" + SUFFIX);
        config.put("sync.files.inbound-container", INBOUND);
        config.put("sync.files.processed-container", PROCESSED);
        config.put("sync.files.failed-container", "failed-" + SUFFIX);
        config.put("sync.api.spool-container", "spool-" + SUFFIX);
        // Short, so CustomHandlerLimitsTest sees half-sent requests closed; invocations that run longer still finish.
        config.put("sync.custom-handler.read-timeout", "2s");
        config.put("sync.sources.hr.mapping", "classpath:mappings/microsoft-sample.yaml");
        // A second file source, so the CloudEvents test does not make the first test's records "unchanged".
        config.put("sync.sources.hr2.mapping", "classpath:mappings/microsoft-sample.yaml");
        // And one for each encoding of the event as JSON text (once, twice), for the same reason.
        config.put("sync.sources.hr3.mapping", "classpath:mappings/microsoft-sample.yaml");
        config.put("sync.sources.hr4.mapping", "classpath:mappings/microsoft-sample.yaml");
        config.put("sync.sources.sf.mapping", "samples/mappings/successfactors-user.yaml");
        config.put("sync.sources.sf.api.preset", "successfactors");
        config.put("sync.sources.sf.api.base-url", "http://127.0.0.1:" + hrApi.port() + "/odata/v2");
        config.put("sync.sources.sf.api.auth.username", "sfapi@ACME");
        config.put("sync.sources.sf.api.auth.password", "sf-password");
        for (String source : new String[] {"hr", "hr2", "hr3", "hr4", "sf"}) {
            String prefix = "sync.sources." + source + ".";
            config.put(prefix + "graph.url", emulator.baseUrl());
            config.put(prefix + "graph.service-principal-id", emulator.defaultJob().servicePrincipalId());
            config.put(prefix + "graph.job-id", emulator.defaultJob().jobId());
            config.put(prefix + "graph.tenant", "contoso-" + SUFFIX);
            config.put(prefix + "auth.mode", "client-credentials");
            config.put(prefix + "auth.token-url", emulator.tokenEndpoint());
            config.put(prefix + "auth.client-id", "custom-handler-test");
            config.put(prefix + "auth.client-secret", "custom-handler-secret");
        }
        return config;
    }

    /** SAP SuccessFactors OData v2 {@code User} entities, as {@code SuccessFactorsStub} serves them. */
    private static String successFactorsPage() {
        StringBuilder users = new StringBuilder();
        for (int n = 1; n <= 3; n++) {
            users.append(n > 1 ? "," : "").append("""
                    {"__metadata": {"uri": "User('CH%d')", "type": "SFOData.User"}, "userId": "CH%d",
                     "firstName": "First%d", "lastName": "Last", "email": "ch%d@acme.example", "department": "Sales",
                     "title": "Clerk", "status": "active", "lastModifiedDateTime": "/Date(%d+0000)/"}
                    """.formatted(n, n, n, n, 1714550400000L + n * 60_000L));
        }
        return "{\"d\": {\"results\": [" + users + "]}}";
    }

    @Override
    public void stop() {
        if (hrApi != null) {
            hrApi.stop();
        }
        if (emulator != null) {
            emulator.close();
        }
    }
}
