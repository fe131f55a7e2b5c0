package io.entrasync.source;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads (decodes and parses) on a background thread while the caller maps the previous rows: on two cores that
 * nearly halves the time per record. Rows still come out one at a time, in order, on the caller's thread; at most
 * {@value #CHUNKS} chunks of {@value #CHUNK} rows wait in memory.
 */
public final class ReadAheadReader implements ExtractReader {

    static final int CHUNK = 512;
    static final int CHUNKS = 4;

    private static final Object END = new Object();

    private final ExtractReader reader;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CHUNKS);
    private final Thread thread;
    private volatile boolean closed;
    private List<SourceRow> current = List.of();
    private int next;
    private boolean ended;

    private ReadAheadReader(ExtractReader reader, String name) {
        this.reader = reader;
        this.thread = new Thread(this::produce, "read-ahead " + name);
        thread.setDaemon(true);
    }

    /** Starts reading ahead from an open reader; closing the returned reader closes {@code reader}. */
    public static ReadAheadReader of(ExtractReader reader, String name) {
        ReadAheadReader readAhead = new ReadAheadReader(reader, name);
        readAhead.thread.start();
        return readAhead;
    }

    private void produce() {
        try {
            List<SourceRow> chunk = new ArrayList<>(CHUNK);
            for (SourceRow row = reader.next(); row != null && !closed; row = reader.next()) {
                chunk.add(row);
                if (chunk.size() == CHUNK) {
                    hand(chunk);
                    chunk = new ArrayList<>(CHUNK);
                }
            }
            if (!chunk.isEmpty()) {
                hand(chunk);
            }
            hand(END);
        } catch (RuntimeException e) {
            try {
                hand(e);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void hand(Object item) throws InterruptedException {
        while (!closed) {
            if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    @Override
    public List<String> columns() {
        return reader.columns();
    }

    @Override
    public String describeEncoding() {
        return reader.describeEncoding();
    }

    @Override
    @SuppressWarnings("unchecked")
    public SourceRow next() {
        while (next == current.size()) {
            if (ended) {
                return null;
            }
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ExtractException("Interrupted while reading", e);
            }
            if (item == END) {
                ended = true;
                return null;
            }
            if (item instanceof RuntimeException failure) {
                ended = true;
                throw failure;
            }
            current = (List<SourceRow>) item;
            next = 0;
        }
        return current.get(next++);
    }

    @Override
    public void close() {
        closed = true;
        queue.clear();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reader.close();
    }
}
