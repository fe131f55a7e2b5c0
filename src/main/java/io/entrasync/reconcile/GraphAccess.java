package io.entrasync.reconcile;

import io.entrasync.graph.GraphClient;
import io.entrasync.upload.DailyQuota;
import io.entrasync.upload.UploadEngine;
import io.entrasync.upload.UploadEngines;
import io.entrasync.upload.UploadSettings;

/** The upload side's Graph setup, as reconciliation uses it: one client, token cache, pacer and quota per source. */
public interface GraphAccess {

    /** For the provisioning logs and the job status. */
    GraphClient graph(UploadSettings settings);

    /** For re-sends (pacing and daily quota shared with the source's uploads). */
    UploadEngine engine(UploadSettings settings);

    DailyQuota quota(UploadSettings settings);

    static GraphAccess of(UploadEngines engines) {
        return new GraphAccess() {
            @Override
            public GraphClient graph(UploadSettings settings) {
                return engines.graphClient(settings);
            }

            @Override
            public UploadEngine engine(UploadSettings settings) {
                return engines.create(settings);
            }

            @Override
            public DailyQuota quota(UploadSettings settings) {
                return engines.quota(settings);
            }
        };
    }
}
