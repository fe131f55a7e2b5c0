package io.entrasync.source.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class JsonFlattenerTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void nestedObjectsBecomeDottedNamesAndArraysTheirIndex() throws Exception {
        var values = JsonFlattener.flatten(json.readTree("""
                {"id": 7, "active": true, "address": {"city": "Lyon", "zip": "69001"},
                 "emails": [{"value": "a@x.org", "primary": true}, {"value": "b@x.org"}],
                 "tags": ["x", "y"], "manager": null, "phones": [], "extra": {}}
                """));

        assertThat(values).containsExactly(
                entry("id", "7"), entry("active", "true"),
                entry("address.city", "Lyon"), entry("address.zip", "69001"),
                entry("emails.0.value", "a@x.org"), entry("emails.0.primary", "true"), entry("emails.1.value",
                "b@x.org"),
                entry("tags.0", "x"), entry("tags.1", "y"));
    }

    @Test
    void atFollowsDottedPathsThroughObjectsAndArrays() throws Exception {
        var node = json.readTree("""
                {"d": {"results": [{"userId": "u1"}], "__next": "n"}}""");

        assertThat(JsonFlattener.at(node, "d.__next").asText()).isEqualTo("n");
        assertThat(JsonFlattener.at(node, "d.results.0.userId").asText()).isEqualTo("u1");
        assertThat(JsonFlattener.at(node, "d.missing.deeper")).isNull();
        assertThat(JsonFlattener.at(node, "")).isSameAs(node);
    }
}
