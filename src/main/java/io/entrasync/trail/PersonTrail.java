package io.entrasync.trail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.state.StateStore;

/** "What happened to this person?": one person's trail, or the people whose user name or name matches. */
public final class PersonTrail {

    private final TrailReader reader;

    public PersonTrail(StateStore state, ObjectMapper mapper) {
        this.reader = new TrailReader(state, mapper);
    }

    /** A person found by user name or name: their externalId and the values they were last sent with. */
    public record Match(String externalId, String userName, String displayName) {
    }

    public Trace trace(String source, String externalId) {
        return TraceBuilder.build(source, externalId, reader.person(source, externalId));
    }

    /** The people whose last sent userName equals {@code userName} (any case). */
    public List<Match> byUserName(String source, String userName) {
        return find(source, values -> userName.equalsIgnoreCase(values.getOrDefault("userName", "")));
    }

    /** The people whose last sent displayName, given name or family name contains {@code text} (any case). */
    public List<Match> byName(String source, String text) {
        String wanted = text.toLowerCase(Locale.ROOT);
        return find(source, values -> List.of("displayName", "name.givenName", "name.familyName", "name.formatted")
                .stream().map(key -> values.getOrDefault(key, "").toLowerCase(Locale.ROOT))
                .anyMatch(value -> value.contains(wanted)));
    }

    private List<Match> find(String source, java.util.function.Predicate<Map<String, String>> matches) {
        Map<String, Map<String, String>> latest = new LinkedHashMap<>();
        reader.forEachWithValues(source, event -> latest.merge(event.id(), event.values(), (old, now) -> now));
        List<Match> found = new ArrayList<>();
        latest.forEach((id, values) -> {
            if (matches.test(values)) {
                found.add(new Match(id, values.get("userName"), values.get("displayName")));
            }
        });
        return found;
    }
}
