package io.entrasync.source.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** A JSON body template takes the values it names out of the URL; the others stay there. */
class ListRequestTest {

    private static final String LIST = "https://api.example.com/v1/people/search";

    @Test
    void theValuesTheBodyNamesMoveFromTheUrlIntoTheBodyJsonEscaped() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("limit", "50");
        query.put("offset", "100");
        query.put("filter", "updated > \"2026-01-01\"");
        query.put("lang", "en");
        ListRequest request = new ListRequest("post", Optional.of(
                "{\"limit\": {limit}, \"offset\": {offset}, \"filter\": \"{filter}\", \"keep\": \"{unknown}\"}"));

        ListRequest.Prepared prepared = request.prepare(new NextPage(QueryString.uri(LIST, query), query), LIST);

        assertThat(prepared.method()).isEqualTo("POST");
        assertThat(prepared.uri()).isEqualTo(URI.create(LIST + "?lang=en"));
        assertThat(prepared.body()).contains("{\"limit\": 50, \"offset\": 100, \"filter\": "
                + "\"updated > \\\"2026-01-01\\\"\", \"keep\": \"{unknown}\"}");
    }

    @Test
    void aServersNextLinkIsSentAsGivenWithTheBody() {
        Map<String, String> query = Map.of("limit", "50");
        URI serverLink = URI.create(LIST + "?cursor=abc");
        ListRequest request = new ListRequest("POST", Optional.of("{\"limit\": {limit}}"));

        ListRequest.Prepared prepared = request.prepare(new NextPage(serverLink, query), LIST);

        assertThat(prepared.uri()).isEqualTo(serverLink);
        assertThat(prepared.body()).contains("{\"limit\": 50}");
    }

    @Test
    void withoutATemplateTheRequestIsAGetWithoutBody() {
        URI uri = URI.create(LIST + "?page=2");

        ListRequest.Prepared prepared = ListRequest.get().prepare(new NextPage(uri, Map.of("page", "2")), LIST);

        assertThat(prepared.method()).isEqualTo("GET");
        assertThat(prepared.uri()).isEqualTo(uri);
        assertThat(prepared.body()).isEmpty();
    }
}
