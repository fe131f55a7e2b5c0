package io.entrasync.delta;

import java.util.HashMap;
import java.util.Map;

import io.entrasync.reconcile.EmulatorSourceResource;

/** Source {@code hr} against an emulator, with complete extracts (leavers) and the default guard. */
public class DeltaSourceResource extends EmulatorSourceResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("sync.sources.hr.full-extract", "true");
        config.put("sync.sources.hr.delta.leaver-grace", "1");
        config.put("sync.sources.hr.delta.guard.max-disable-share", "0.10");
        return config;
    }
}
