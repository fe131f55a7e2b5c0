package io.entrasync.source.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.entrasync.config.SyncConfig;
import io.entrasync.support.TestConfig;

/**
 * List-then-detail where the detail answer names the id otherwise than the list: UKG Pro's employment details list
 * {@code employeeID}, its person details answer {@code employeeId} (developer.ukg.com, "Employment Details" and
 * "Person Details"). {@code detail.id-field} says which detail field must carry the listed id.
 */
class DetailIdFieldTest {

    @RegisterExtension
    final ApiStub stub = new ApiStub();

    @BeforeEach
    void start() {
        stub.server.stubFor(get(urlPathEqualTo("/personnel/v1/employment-details")).willReturn(okJson("""
                [{"employeeID": "E1", "employeeStatusCode": "A"},
                 {"employeeID": "E2", "employeeStatusCode": "T"}]""")));
        stub.server.stubFor(get(urlPathEqualTo("/personnel/v1/person-details/E1")).willReturn(okJson("""
                {"employeeId": "E1", "firstName": "Ana", "lastName": "Ruiz"}""")));
        // a detail answer that belongs to someone else
        stub.server.stubFor(get(urlPathEqualTo("/personnel/v1/person-details/E2")).willReturn(okJson("""
                {"employeeId": "E9", "firstName": "Bob", "lastName": "Other"}""")));
    }

    private ApiStub.Outcome read(Map<String, String> more) {
        Map<String, String> properties = new java.util.HashMap<>(Map.of(
                "sync.sources.ukg.api.base-url", stub.url(),
                "sync.sources.ukg.api.path", "/personnel/v1/employment-details",
                "sync.sources.ukg.api.id-field", "employeeID",
                "sync.sources.ukg.api.detail.path", "/personnel/v1/person-details/{employeeID}"));
        properties.putAll(more);
        SyncConfig sync = TestConfig.syncConfig(properties);
        ApiSettings settings = ApiSettingsFactory.fromConfig("ukg", sync.sources().get("ukg").api().orElseThrow());
        return ApiStub.drain(stub.source(settings), Optional.empty());
    }

    @Test
    void theDetailIdFieldVouchesForTheDetailsAndAnotherIdIsMalformed() {
        ApiStub.Outcome outcome = read(Map.of("sync.sources.ukg.api.detail.id-field", "employeeId"));

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.records()).singleElement().satisfies(r -> {
            assertThat(r.values()).containsEntry("employeeID", "E1").containsEntry("firstName", "Ana");
        });
        assertThat(outcome.malformed()).singleElement().satisfies(m -> {
            assertThat(m.partialValues()).containsValue("E2");
            assertThat(m.reason()).contains("'employeeId' is 'E9', not the requested 'E2'");
        });
    }

    @Test
    void withoutItTheListsNameIsLookedForAndNotFound() {
        ApiStub.Outcome outcome = read(Map.of());

        assertThat(outcome.records()).isEmpty();
        assertThat(outcome.malformed()).hasSize(2).allSatisfy(m -> assertThat(m.reason())
                .contains("'employeeID' is missing"));
    }
}
