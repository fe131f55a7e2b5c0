package io.entrasync.graph;

import java.time.Duration;

/** Waits between retries; tests substitute one that records the waits. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());
}
