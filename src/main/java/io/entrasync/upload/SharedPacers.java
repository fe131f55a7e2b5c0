package io.entrasync.upload;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jboss.logging.Logger;

/**
 * One pacer per tenant (or job) for the whole process, so every upload and source that calls the same tenant shares
 * one budget of calls per window. The first caller's settings win for a key.
 */
public final class SharedPacers {

    private static final Logger LOG = Logger.getLogger(SharedPacers.class);
    private static final ConcurrentMap<String, SlidingWindowPacer> PACERS = new ConcurrentHashMap<>();

    private SharedPacers() {
    }

    public static SlidingWindowPacer forKey(String key, PacingSettings settings) {
        SlidingWindowPacer pacer = PACERS.computeIfAbsent(key, k -> new SlidingWindowPacer(settings));
        if (!pacer.settings().equals(settings)) {
            LOG.warnf("Pacing for %s is already %d calls / %d ms in this process; ignoring %d / %d ms", key,
                    pacer.settings().calls(), pacer.settings().window().toMillis(), settings.calls(),
                    settings.window().toMillis());
        }
        return pacer;
    }
}
