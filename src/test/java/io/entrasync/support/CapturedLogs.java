package io.entrasync.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import org.jboss.logmanager.ExtLogRecord;

/**
 * The log lines the app writes while it is open, as a log handler formats their messages (printf- and
 * MessageFormat-style parameters filled in): attached to the root logger, so it sees what the console sees.
 */
public final class CapturedLogs extends Handler implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();

    private CapturedLogs() {
    }

    /** Starts capturing; close to stop. */
    public static CapturedLogs capture() {
        CapturedLogs logs = new CapturedLogs();
        Logger.getLogger("").addHandler(logs);
        return logs;
    }

    /** The messages so far, with their throwable's message when there is one. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void publish(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage()
                : formatter.formatMessage(record);
        lines.add(record.getThrown() == null ? message : message + " | " + record.getThrown().getMessage());
    }

    @Override
    public void flush() {
        // nothing buffered
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
