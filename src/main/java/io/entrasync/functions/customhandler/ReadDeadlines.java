package io.entrasync.functions.customhandler;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;

/**
 * Closes a connection that sends nothing useful in time: one that opens and sends no complete request (idle, or
 * headers never finished) and one whose request body does not arrive in full, each within the read time-out. The
 * time a function runs, after its request has arrived, does not count (the host waits for the answer), so this is
 * not the server's idle time-out, which would also cut long invocations.
 */
final class ReadDeadlines {

    private final Vertx vertx;
    private final long timeoutMillis;
    private final Map<HttpConnection, Long> timers = new ConcurrentHashMap<>();

    ReadDeadlines(Vertx vertx, Duration timeout) {
        this.vertx = vertx;
        this.timeoutMillis = Math.max(1, timeout.toMillis());
    }

    /** A new connection: it must send a whole request within the time-out. */
    void opened(HttpConnection connection) {
        connection.closeHandler(closed -> cancel(connection));
        restart(connection);
    }

    /** Its request's head has arrived: the body must follow within the time-out. */
    void requestStarted(HttpConnection connection) {
        restart(connection);
    }

    /** The whole request has arrived: the function runs without a deadline from here. */
    void requestRead(HttpConnection connection) {
        cancel(connection);
    }

    /** Answered: a kept-alive connection must send its next request within the time-out. */
    void answered(HttpConnection connection) {
        restart(connection);
    }

    private void restart(HttpConnection connection) {
        cancel(connection);
        long timer = vertx.setTimer(timeoutMillis, id -> {
            if (timers.remove(connection, id)) {
                connection.close();
            }
        });
        timers.put(connection, timer);
    }

    private void cancel(HttpConnection connection) {
        Long timer = timers.remove(connection);
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
    }
}
