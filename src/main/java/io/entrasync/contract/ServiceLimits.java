package io.entrasync.contract;

/**
 * The provisioning service's documented limits, in one place: the config defaults, the upload engine, the reconciler
 * and the emulator all take their numbers from here. Plain compile-time constants only, so the emulator (an
 * independent oracle) shares no logic with the client by using them; {@code *_TEXT} constants are the same numbers
 * as the strings {@code @WithDefault} needs.
 *
 * <p>Sources: Microsoft Graph API reference for {@code synchronizationJob: bulkUpload} and the Entra ID docs
 * "API-driven inbound provisioning concepts" / "Frequently asked questions" (limits) and "Microsoft Graph throttling
 * guidance" (reports API); where they disagree the strictest reading is the default and every number is configurable.
 */
public final class ServiceLimits {

    // --- bulkUpload ---

    /** Operations (users) in one BulkRequest: 1 to 50. */
    public static final int OPERATIONS_PER_CALL = 50;

    /** bulkUpload calls allowed in any {@link #CALL_WINDOW_SECONDS}-second window (older docs: 40 per second). */
    public static final int CALLS_PER_WINDOW = 40;
    public static final String CALLS_PER_WINDOW_TEXT = "" + CALLS_PER_WINDOW;

    /** The sliding window of {@link #CALLS_PER_WINDOW}, in seconds. */
    public static final int CALL_WINDOW_SECONDS = 5;
    public static final String CALL_WINDOW_TEXT = "PT" + CALL_WINDOW_SECONDS + "S";

    /** bulkUpload calls per tenant in any {@link #QUOTA_WINDOW_HOURS} hours with Entra ID P1/P2. */
    public static final int DAILY_CALLS_P1_P2 = 2000;
    public static final String DAILY_CALLS_P1_P2_TEXT = "" + DAILY_CALLS_P1_P2;

    /** bulkUpload calls per tenant in any {@link #QUOTA_WINDOW_HOURS} hours with Entra ID Governance. */
    public static final int DAILY_CALLS_GOVERNANCE = 6000;

    /** The rolling window of the daily quota, in hours. */
    public static final int QUOTA_WINDOW_HOURS = 24;

    // --- provisioning logs (the reports API) ---

    /** Provisioning-log requests allowed per app and tenant in any {@link #LOG_READ_WINDOW_SECONDS} seconds. */
    public static final int LOG_READS_PER_WINDOW = 5;
    public static final String LOG_READS_PER_WINDOW_TEXT = "" + LOG_READS_PER_WINDOW;

    /** The sliding window of {@link #LOG_READS_PER_WINDOW}, in seconds. */
    public static final int LOG_READ_WINDOW_SECONDS = 10;
    public static final String LOG_READ_WINDOW_TEXT = LOG_READ_WINDOW_SECONDS + "s";

    /** Days the service keeps provisioning-log entries (Entra ID P1/P2). */
    public static final int LOG_RETENTION_DAYS = 30;

    // --- this client's timeouts for bulkUpload (not a service limit: our defaults) ---

    /** TCP connect timeout of a bulkUpload call, in seconds. */
    public static final int CONNECT_TIMEOUT_SECONDS = 10;
    public static final String CONNECT_TIMEOUT_TEXT = "PT" + CONNECT_TIMEOUT_SECONDS + "S";

    /** Time allowed for one bulkUpload response, in seconds. */
    public static final int REQUEST_TIMEOUT_SECONDS = 60;
    public static final String REQUEST_TIMEOUT_TEXT = "PT" + REQUEST_TIMEOUT_SECONDS + "S";

    private ServiceLimits() {
    }
}
