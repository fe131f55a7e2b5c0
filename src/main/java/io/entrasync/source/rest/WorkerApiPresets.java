package io.entrasync.source.rest;

import java.util.Optional;
import java.util.Set;

/**
 * The presets for HR APIs that list workers by page number, by offset with a has-more flag, by a POSTed search, by
 * {@code $top}/{@code $skip} or by a list of keys followed by one detail call each: Oracle HCM Cloud, UKG Pro, HiBob,
 * Dayforce and ADP Workforce Now. Each fills the documented path, records location, id field and paging; the mapping
 * reads the leaver fields named below; the configuration adds the base URL and credentials (Basic, except ADP: OAuth
 * 2.0 with a client certificate). docs/hr-api-sources.md has a section per preset.
 */
final class WorkerApiPresets {

    static final String ORACLE_HCM = "oracle-hcm";
    static final String UKG_PRO = "ukg-pro";
    static final String HIBOB = "hibob";
    static final String DAYFORCE = "dayforce";
    static final String ADP_WORKFORCE_NOW = "adp-workforce-now";

    /** ADP's token endpoint (ADP API Central, "Making your first API call": client credentials plus mTLS). */
    static final String ADP_TOKEN_URL = "https://accounts.adp.com/auth/oauth/v2/token";

    /** Dayforce writes and reads date-times without a zone: {@code 2000-08-23T00:00:00} (sent in UTC). */
    static final String DAYFORCE_DATE_TIME = "yyyy-MM-dd'T'HH:mm:ss";

    /** HiBob allows 50 requests a minute on its people endpoints (apidocs.hibob.com, rate limits). */
    static final double HIBOB_REQUESTS_PER_MINUTE = 50;

    /**
     * Oracle HCM names a worker's line manager by the manager's assignment ({@code ManagerAssignmentNumber} in the
     * assignment's {@code managers} child, docs.oracle.com "Update a Worker Manager"); the manager's own record carries
     * it as its assignment's {@code AssignmentNumber}. Both need {@code expand=workRelationships.assignments.managers}.
     */
    static final String ORACLE_MANAGER_REFERENCE =
            "workRelationships.0.assignments.0.managers.0.ManagerAssignmentNumber"
            + "=workRelationships.0.assignments.0.AssignmentNumber";

    private WorkerApiPresets() {
    }

    /**
     * Oracle Fusion Cloud HCM REST, the {@code workers} resource (not {@code emps}, desupported since 23D):
     * {@code GET /hcmRestApi/resources/11.13.18.05/workers?limit=100&offset=0&totalResults=true} answers
     * {@code {"items":[…],"count":…,"hasMore":…,"limit":…,"offset":…,"totalResults":…}} (docs.oracle.com, REST API for
     * Oracle Fusion Cloud HCM, "workers" and collection paging). The read stops on {@code hasMore=false} and must get
     * {@code totalResults} records. Leavers stay in the list; termination is
     * {@code workRelationships.0.TerminationDate} (end of time {@code 4712-12-31} means none).
     */
    static void oracleHcm(ApiSettings.Builder b) {
        b.path("/hcmRestApi/resources/11.13.18.05/workers")
                .header("REST-Framework-Version", "4")
                .query("onlyData", "true")
                .query("totalResults", "true")
                .query("expand", "names,emails,workRelationships.assignments.managers")
                .recordsPath("items")
                .idField("PersonNumber")
                .paging(new PagingSettings(PagingStyle.OFFSET_LIMIT, 100, "limit", "", "", "", "offset",
                        Optional.of("totalResults"), Optional.of("hasMore"), 1));
    }

    /**
     * UKG Pro (UltiPro) Personnel API: {@code GET /personnel/v1/employment-details?page=1&per_page=100} answers a bare
     * JSON array (developer.ukg.com, "Employment Details"); Basic with a web-service account plus the
     * {@code US-Customer-Api-Key} header (set {@code headers."US-Customer-Api-Key"}). Read by page number until an
     * empty page; {@code employeeStatusCode} {@code A}/{@code T} and {@code dateOfTermination} say who left.
     */
    static void ukgPro(ApiSettings.Builder b) {
        b.path("/personnel/v1/employment-details")
                .recordsPath("")
                .idField("employeeID")
                .paging(new PagingSettings(PagingStyle.PAGE_NUMBER, 100, "per_page", "", "", "", "page",
                        Optional.empty(), Optional.empty(), 1));
    }

    /**
     * HiBob people search: {@code POST /v1/people/search} with {@code {"showInactive": true}} answers
     * {@code {"employees":[…]}} in one response (apidocs.hibob.com, "Search for employees"); Basic with the service
     * user's id and token; 50 requests a minute. {@code showInactive} makes leavers part of the read
     * ({@code internal.status}, {@code internal.terminationDate}); add {@code "fields": […]} to the body for more.
     */
    static void hiBob(ApiSettings.Builder b) {
        b.baseUrl("https://api.hibob.com")
                .path("/v1/people/search")
                .request("POST", "{\"showInactive\": true}")
                .recordsPath("employees")
                .idField("id")
                .paging(PagingSettings.none())
                .throttling(new ApiThrottling(Set.of(), HIBOB_REQUESTS_PER_MINUTE));
    }

    /**
     * Dayforce: {@code GET /Api/{client}/V1/Employees} lists only {@code XRefCode}s ({@code {"Data":[…],
     * "Paging":{"Next":"…"}}}, an empty {@code Next} at the end), then {@code GET /Employees/{XRefCode}} answers
     * {@code {"Data":{…}}} per worker (Dayforce REST API, "Employees"; the base URL ends in {@code /Api/{client}/V1}).
     * Leavers: {@code TerminationDate} and {@code EmploymentStatuses}. Changes: the list takes
     * {@code filterUpdatedStartDate} and {@code filterUpdatedEndDate} together, dates written
     * {@code 2000-08-23T00:00:00} without a zone ({@link ChangeWindow}); no longest window is documented.
     */
    static void dayforce(ApiSettings.Builder b) {
        b.path("/Employees")
                .recordsPath("Data")
                .idField("XRefCode")
                .paging(new PagingSettings(PagingStyle.NEXT_LINK, 0, "", "Paging.Next", "", "", "",
                        Optional.empty(), Optional.empty(), 1))
                .detail(new DetailSettings("/Employees/{XRefCode}", null, "Data", Optional.empty(),
                        Optional.empty(), true))
                .incremental(new IncrementalSettings("", "{watermark}", DAYFORCE_DATE_TIME, Optional.empty(),
                        Optional.empty(), ApiPresets.OVERLAP, Optional.empty())
                        .withWindow(new ChangeWindow("filterUpdatedStartDate", "filterUpdatedEndDate",
                                Optional.empty())));
    }

    /**
     * ADP Workforce Now, Worker v2: {@code GET /hr/v2/workers?$top=100&$skip=0} answers {@code {"workers":[…]}} and,
     * after the last worker, {@code 204 No Content} with an empty body (ADP "Workers v2 API Guide for ADP Workforce
     * Now", pagination; worker shapes as in adpllc/marketplace-sample-payloads, wfn/hr). OAuth 2.0 client credentials
     * at {@link #ADP_TOKEN_URL} with a mutual-TLS client certificate on the token call and every API call. The id is
     * {@code workerID.idValue} (the worker's position id); managers are named in
     * {@code workAssignments.0.reportsTo.0.workerID.idValue} and by {@code associateOID}. Leavers stay in the list
     * with {@code workerStatus.statusCode.codeValue} {@code Terminated} and {@code workerDates.terminationDate}.
     */
    static void adpWorkforceNow(ApiSettings.Builder b) {
        b.baseUrl("https://api.adp.com")
                .path("/hr/v2/workers")
                .recordsPath("workers")
                .idField("workerID.idValue")
                .paging(new PagingSettings(PagingStyle.OFFSET_LIMIT, 100, "$top", "", "", "", "$skip",
                        Optional.empty(), Optional.empty(), 1));
    }
}
