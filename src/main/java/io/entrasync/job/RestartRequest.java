package io.entrasync.job;

/** The body of {@code POST .../restart}: {@code {"criteria":{"resetScope":"Full"}}}. */
public record RestartRequest(Criteria criteria) {

    /** synchronizationJobRestartCriteria. */
    public record Criteria(String resetScope) {
    }

    static RestartRequest of(ResetScope scope) {
        return new RestartRequest(new Criteria(scope.graphName()));
    }
}
