package io.entrasync.job;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** {@code GET .../synchronization/jobs}: {@code {"value":[synchronizationJob, ...]}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobList(List<SynchronizationJob> value) {

    public JobList {
        value = value == null ? List.of() : List.copyOf(value);
    }
}
