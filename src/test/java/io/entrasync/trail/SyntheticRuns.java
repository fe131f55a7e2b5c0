package io.entrasync.trail;

import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.entrasync.report.RecordOutcome;
import io.entrasync.report.ResultLine;
import io.entrasync.scim.ScimUser;
import io.entrasync.support.MovableClock;

/**
 * Writes a source's trail the way a daily run and its reconciliation pass do, through the real trail writer, without
 * running the pipeline: per day, the changed people are decided (with the values sent), accepted, then updated by the
 * service, then compacted when due (as the reconcile timer does). For the compaction test and the benchmark.
 */
final class SyntheticRuns {

    private final TrailLog trail;
    private final ObjectMapper mapper;
    private final MovableClock clock;

    SyntheticRuns(TrailLog trail, ObjectMapper mapper, MovableClock clock) {
        this.trail = trail;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** One day: a complete extract in which {@code changed} people changed their department to {@code dept}. */
    void day(String source, int day, int[] changed, String department) {
        String runId = "run-" + day;
        TrailRecorder run = trail.open(source, runId, "hr-day" + day + ".csv", true);
        for (int person : changed) {
            run.decided(user(person, department), "update", "update: changed since it was last accepted");
        }
        for (int person : changed) {
            run.result(new ResultLine(person + 2L, id(person), RecordOutcome.ACCEPTED, "sent in call "
                    + (person / 50 + 1) + " (bulkId b" + day + "-n), accepted " + clock.instant()));
        }
        run.finish("completed");
        clock.advance(Duration.ofMinutes(10));
        TrailRecorder pass = trail.open(source, runId);
        for (int person : changed) {
            pass.result(new ResultLine(person + 2L, id(person), RecordOutcome.UPDATED, "updated in Entra ID ("
                    + clock.instant() + ", change c" + day + "-" + person + ")"));
        }
        pass.finish("reconciled");
        trail.compactIfDue(source); // as the reconcile timer does after its pass
    }

    static String id(int person) {
        return "W" + (1_000_000 + person);
    }

    ScimUser user(int person, String department) {
        ObjectNode user = mapper.createObjectNode();
        user.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");
        user.put("externalId", id(person));
        user.put("userName", "u" + person + "@contoso.example");
        user.put("displayName", "First" + person + " Last" + person);
        user.putObject("name").put("givenName", "First" + person).put("familyName", "Last" + person);
        user.put("active", true);
        user.put("title", "Engineer");
        user.putArray("emails").addObject().put("type", "work").put("value", "u" + person + "@contoso.example");
        user.putArray("phoneNumbers").addObject().put("type", "work").put("value", "150-150-1586");
        user.putArray("addresses").addObject().put("type", "work").put("streetAddress", "1 Main St")
                .put("locality", "Chicago").put("postalCode", "71677").put("country", "US");
        user.put("password", "never-kept");
        user.putObject("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
                .put("employeeNumber", Integer.toString(person)).put("department", department)
                .put("costCenter", "CC9016").put("division", "Pharma").put("organization", "Woodgrove")
                .putObject("manager").put("value", id(person / 10));
        return new ScimUser(id(person), person + 2L, user);
    }
}
