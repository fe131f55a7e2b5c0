package io.entrasync.source.rest;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Settings for common HR systems, each with its documented records location, paging and delta filter. A preset is
 * a starting point: configuration overrides any value, and supplies the base URL and credentials. Sources for each
 * shape are listed in docs/hr-api-sources.md.
 */
public final class ApiPresets {

    public static final String SUCCESSFACTORS = "successfactors";
    public static final String WORKDAY_RAAS = "workday-raas";
    public static final String BAMBOOHR = "bamboohr";
    public static final String PERSONIO = "personio";
    public static final String SCIM = "scim";

    public static final String ORACLE_HCM = WorkerApiPresets.ORACLE_HCM;
    public static final String UKG_PRO = WorkerApiPresets.UKG_PRO;
    public static final String HIBOB = WorkerApiPresets.HIBOB;
    public static final String DAYFORCE = WorkerApiPresets.DAYFORCE;
    public static final String ADP_WORKFORCE_NOW = WorkerApiPresets.ADP_WORKFORCE_NOW;

    public static final List<String> NAMES = List.of(SUCCESSFACTORS, WORKDAY_RAAS, BAMBOOHR, PERSONIO, SCIM,
            ORACLE_HCM, UKG_PRO, HIBOB, DAYFORCE, ADP_WORKFORCE_NOW);

    /**
     * Every user status of the SuccessFactors {@code User} entity: t active, f inactive, T/F active/inactive external
     * (360 reviews), e/d active/inactive Learning and Onboarding users. Without a status clause the entity returns
     * only t and T, so leavers would never be read (SAP KBA 2736579, 2166571; KBA 3575859 on the implicit filter).
     */
    public static final String SUCCESSFACTORS_ALL_STATUSES = "status in 't','f','T','F','e','d'";

    /** The SCIM enterprise extension's schema URN, the prefix of its flattened fields (RFC 7643 §4.3). */
    public static final String SCIM_ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    /** Re-reads changes of the last minute: the delta plan drops unchanged records, a missed change is worse. */
    public static final Duration OVERLAP = Duration.ofMinutes(1);

    /** The authentication a preset's system uses when configuration does not say otherwise. */
    public enum AuthType { NONE, BASIC, API_KEY, OAUTH2 }

    private ApiPresets() {
    }

    /** A builder filled for {@code preset}; the caller adds the base URL and credentials. */
    public static ApiSettings.Builder builder(String preset, String sourceName) {
        ApiSettings.Builder b = ApiSettings.builder(sourceName);
        switch (normalize(preset)) {
            case SUCCESSFACTORS -> successFactors(b);
            case WORKDAY_RAAS -> workdayRaas(b);
            case BAMBOOHR -> bambooHr(b);
            case PERSONIO -> personio(b);
            case SCIM -> scim(b);
            case ORACLE_HCM -> WorkerApiPresets.oracleHcm(b);
            case UKG_PRO -> WorkerApiPresets.ukgPro(b);
            case HIBOB -> WorkerApiPresets.hiBob(b);
            case DAYFORCE -> WorkerApiPresets.dayforce(b);
            case ADP_WORKFORCE_NOW -> WorkerApiPresets.adpWorkforceNow(b);
            default -> throw unknown(preset, sourceName);
        }
        return b;
    }

    /**
     * The preset's references between records, as {@code <field>=<key-field>} ({@code api.references}): SCIM names a
     * manager by its resource {@code id} (RFC 7643 §4.3); Oracle HCM by the manager's assignment number.
     */
    public static List<String> defaultReferences(String preset) {
        return switch (normalize(preset)) {
            case SCIM -> List.of(SCIM_ENTERPRISE + ".manager.value=id");
            case ORACLE_HCM -> List.of(WorkerApiPresets.ORACLE_MANAGER_REFERENCE);
            default -> List.of();
        };
    }

    public static AuthType defaultAuth(String preset) {
        return switch (normalize(preset)) {
            case SUCCESSFACTORS, WORKDAY_RAAS, BAMBOOHR, ORACLE_HCM, UKG_PRO, HIBOB, DAYFORCE -> AuthType.BASIC;
            case PERSONIO, ADP_WORKFORCE_NOW -> AuthType.OAUTH2;
            case SCIM -> AuthType.API_KEY;
            default -> AuthType.NONE;
        };
    }

    /**
     * SAP SuccessFactors OData v2, the {@code User} entity by default: {@code {"d":{"results":[…],"__next":"…"}}},
     * server-side snapshot paging ({@code paging=snapshot}, {@code customPageSize}), delta by
     * {@code lastModifiedDateTime gt datetimeoffset'…'}; dates arrive as {@code /Date(ms+0000)/}. Every status is
     * asked for ({@link #SUCCESSFACTORS_ALL_STATUSES}), combined with the delta clause as
     * {@code (status in …) and (lastModifiedDateTime gt …)}; the read reuses its session (cookie and
     * {@code X-CSRF-Token}) across the snapshot's pages as SAP KBA 3308165 recommends.
     */
    private static void successFactors(ApiSettings.Builder b) {
        b.path("/User")
                .query("$format", "json")
                .query("paging", "snapshot")
                .recordsPath("d.results")
                .idField("userId")
                .baseFilter(SUCCESSFACTORS_ALL_STATUSES)
                .sessionReuse(true)
                .paging(new PagingSettings(PagingStyle.NEXT_LINK, 500, "customPageSize", "d.__next", "", "", "",
                        Optional.empty(), Optional.empty(), 1))
                .incremental(new IncrementalSettings("$filter",
                        "lastModifiedDateTime gt datetimeoffset'{watermark}'", "yyyy-MM-dd'T'HH:mm:ss'Z'",
                        Optional.of("lastModifiedDateTime"), Optional.empty(), OVERLAP, Optional.empty()));
    }

    /**
     * Workday Report-as-a-Service: the base URL is the report's URL
     * ({@code https://<host>/ccx/service/customreport2/<tenant>/<owner>/<report>}), {@code format=json} gives
     * {@code {"Report_Entry":[…]}} in one response (RaaS does not page). The delta is a date prompt of the report,
     * {@code Updated_From} by default (set filter-param to your report's prompt name); the next watermark is the
     * time the read started, since report rows carry no common modification time.
     */
    private static void workdayRaas(ApiSettings.Builder b) {
        b.requireIdField("the workday-raas preset cannot know which column of your report identifies a worker "
                        + "(report field names are defined by the report); set it to that column, e.g. Employee_ID")
                .query("format", "json")
                .recordsPath("Report_Entry")
                .paging(PagingSettings.none())
                .incremental(new IncrementalSettings("Updated_From", "{watermark}",
                        "yyyy-MM-dd'T'HH:mm:ss.SSSxxx", Optional.empty(), Optional.empty(), OVERLAP,
                        Optional.empty()));
    }

    /**
     * BambooHR: {@code GET /employees/changed?since=…} answers {@code {"latest":"…","employees":{"<id>":{"id":…,
     * "action":"Inserted|Updated|Deleted","lastChanged":…}}}}; each listed employee's fields then come from
     * {@code GET /employees/{id}?fields=…} (deleted employees have none and are handed on as listed). {@code since}
     * is mandatory, so a full read starts at the epoch. A detail answer must carry the listed id
     * ({@code "id": null} or another id is a malformed record). Base URL: see {@link #bambooHrBaseUrl(URI)}.
     */
    private static void bambooHr(ApiSettings.Builder b) {
        b.path("/employees/changed")
                .recordsPath("employees")
                .idField("id")
                .paging(PagingSettings.none())
                .incremental(new IncrementalSettings("since", "{watermark}", "yyyy-MM-dd'T'HH:mm:ssXXX",
                        Optional.of("lastChanged"), Optional.of("latest"), OVERLAP,
                        Optional.of("1970-01-01T00:00:00Z")))
                .detail(new DetailSettings("/employees/{id}", Map.of("fields",
                        "employeeNumber,firstName,lastName,preferredName,displayName,workEmail,jobTitle,department,"
                                + "division,location,supervisorEId,status,employmentHistoryStatus,hireDate,"
                                + "terminationDate,mobilePhone,workPhone"),
                        "", Optional.of("action"), Optional.of("Deleted"), true));
    }

    /**
     * BambooHR documents two forms of its API base: {@code https://api.bamboohr.com/api/gateway.php/<company>/v1}
     * (Technical Overview, "Making Requests") and {@code https://<company>.bamboohr.com/api/v1}. Both are accepted as
     * they are; a base without the version ({@code https://api.bamboohr.com/api/gateway.php/acme},
     * {@code https://acme.bamboohr.com} or {@code …/api}) gets {@code /v1} (and {@code /api}) added. Other hosts (a
     * proxy, a test stub) are left alone.
     */
    public static URI bambooHrBaseUrl(URI base) {
        String host = base.getHost() == null ? "" : base.getHost().toLowerCase(Locale.ROOT);
        if (!host.endsWith(".bamboohr.com")) {
            return base;
        }
        String path = base.getPath() == null ? "" : base.getPath().replaceAll("/+$", "");
        String fixed;
        if (host.equals("api.bamboohr.com")) {
            fixed = path.matches("/api/gateway\\.php/[^/]+") ? path + "/v1" : path;
        } else if (path.isEmpty()) {
            fixed = "/api/v1";
        } else {
            fixed = path.equals("/api") ? "/api/v1" : path;
        }
        return fixed.equals(path) ? base : URI.create(base.getScheme() + "://" + base.getRawAuthority() + fixed);
    }

    /**
     * Personio Persons API v2: {@code GET /v2/persons?limit=50} answers {@code {"_data":[…],"_meta":{"links":
     * {"next":{"href":"…?cursor=…"}}}}}; delta by {@code updated_at.gt}; OAuth 2 client credentials at
     * {@code /v2/auth/token}.
     */
    private static void personio(ApiSettings.Builder b) {
        b.baseUrl("https://api.personio.de")
                .path("/v2/persons")
                .recordsPath("_data")
                .idField("id")
                .paging(new PagingSettings(PagingStyle.NEXT_LINK, 50, "limit", "_meta.links.next.href", "", "", "",
                        Optional.empty(), Optional.empty(), 1))
                .incremental(new IncrementalSettings("updated_at.gt", "{watermark}", "",
                        Optional.of("updated_at"), Optional.empty(), OVERLAP, Optional.empty()));
    }

    /**
     * A SCIM 2.0 service provider (RFC 7644): {@code GET /Users?startIndex=1&count=100} answers a ListResponse
     * {@code {"totalResults":…,"startIndex":…,"itemsPerPage":…,"Resources":[…]}}; delta by
     * {@code filter=meta.lastModified gt "…"}. Keyed on {@code externalId}: set id-field to {@code id} only when
     * the provider's own identifier is the HR key.
     */
    private static void scim(ApiSettings.Builder b) {
        b.path("/Users")
                .header("Accept", "application/scim+json, application/json")
                .recordsPath("Resources")
                // externalId is the client's (the HR system's) identifier; id is the provider's own (RFC 7643 §3.1)
                .idField("externalId")
                .paging(new PagingSettings(PagingStyle.START_INDEX, 100, "count", "", "", "", "startIndex",
                        Optional.of("totalResults"), Optional.empty(), 1))
                .incremental(new IncrementalSettings("filter", "meta.lastModified gt \"{watermark}\"", "",
                        Optional.of("meta.lastModified"), Optional.empty(), OVERLAP, Optional.empty()));
    }

    private static String normalize(String preset) {
        return preset == null ? "" : preset.trim().toLowerCase(Locale.ROOT);
    }

    private static IllegalArgumentException unknown(String preset, String sourceName) {
        return new IllegalArgumentException("sync.sources." + sourceName + ".api.preset: unknown preset '" + preset
                + "'; use one of " + NAMES + " or leave it out and set the API keys yourself");
    }
}
