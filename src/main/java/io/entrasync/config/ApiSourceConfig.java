package io.entrasync.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HR REST API source ({@code sync.sources.<name>.api.*}). Start from a {@link #preset()} and override what differs;
 * every key is described in docs/hr-api-sources.md.
 */
public interface ApiSourceConfig {

    /**
     * {@code successfactors}, {@code workday-raas}, {@code bamboohr}, {@code personio}, {@code scim},
     * {@code oracle-hcm}, {@code ukg-pro}, {@code hibob} or {@code dayforce}.
     */
    Optional<String> preset();

    /**
     * Base URL of the API, e.g. {@code https://api4.successfactors.com/odata/v2}. Required (Personio and HiBob have a
     * default).
     */
    Optional<String> baseUrl();

    /** Path of the list request under the base URL, e.g. {@code /User}. */
    Optional<String> path();

    /** Extra query parameters of the list request ({@code query."$select"=userId,firstName}). */
    Map<String, String> query();

    /** Extra request headers. */
    Map<String, String> headers();

    /** Dotted location of the records in a response ({@code d.results}, {@code Report_Entry}, {@code Resources}). */
    Optional<String> recordsPath();

    /** Flattened field every record must have (e.g. {@code userId}); records without it are reported, not sent. */
    Optional<String> idField();

    /**
     * A clause always sent in the incremental filter parameter, combined with the delta clause and with
     * {@code query."<filter-param>"} as {@code (a) and (b)}. The {@code successfactors} preset sends
     * {@code status in 't','f','T','F','e','d'} (active and inactive users; without a status clause the User entity
     * returns active users only, SAP KBA 2736579). Narrowing it (e.g. {@code status in 't','f'}) leaves the other
     * users unread: a user whose status is not listed is never seen again, so a leaver in that status is never
     * disabled. {@code none} sends no clause (the API's own default).
     */
    Optional<String> baseFilter();

    /**
     * Send back the cookies and {@code X-CSRF-Token} of a read's first answer on its later pages (SAP KBA 3308165).
     * {@code true} with the {@code successfactors} preset, {@code false} otherwise.
     */
    Optional<Boolean> sessionReuse();

    /** The list requests' HTTP method: {@code GET} (default) or {@code POST} (HiBob's people search). */
    Optional<String> method();

    /**
     * A JSON body for the list requests. A value the read would send as a query parameter (page size, offset, page,
     * cursor, the changed-since filter) goes into the body instead where the template names it in braces:
     * {@code {"showInactive": true, "limit": {limit}}}.
     */
    Optional<String> body();

    /**
     * Fields that name another record of this source by a key the mapping does not send as externalId, each as
     * {@code <field>=<key-field>}: the reference is replaced by the id-field of the record whose key-field has that
     * value, from this read or an earlier one, before the mapping sees it; a reference to no known record rejects
     * the record. {@code scim}: {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.manager.value=id};
     * {@code oracle-hcm}: the line manager's assignment number; others none. {@code none} turns the preset's off.
     */
    Optional<List<String>> references();

    /** How the API is authenticated ({@code api.auth.*}). */
    Auth auth();

    /** When a failing HR API is paused instead of called at every poll ({@code api.circuit.*}). */
    Circuit circuit();

    /** How the API pages its list ({@code api.paging.*}). */
    Paging paging();

    /** How a sync reads only what changed since the watermark ({@code api.incremental.*}). */
    Incremental incremental();

    /** An optional per-record detail request after the list ({@code api.detail.*}). */
    Detail detail();

    /** Time-outs and retries of the API requests ({@code api.http.*}). */
    Http http();

    interface Auth {
        /** {@code none}, {@code basic}, {@code api-key} or {@code oauth2}; the preset's usual one when absent. */
        Optional<String> type();

        /** Basic: the user (SuccessFactors {@code user@companyId}; BambooHR: the API key). */
        Optional<String> username();

        /** Basic: the password (BambooHR: any text, {@code x} by default). */
        Optional<String> password();

        /** API key: the header name ({@code Authorization} by default). */
        Optional<String> apiKeyHeader();

        /** API key: text before the key ({@code "Bearer "} by default with the Authorization header). */
        Optional<String> apiKeyPrefix();

        /** API key: the key or bearer token. */
        Optional<String> apiKey();

        /** OAuth 2 client credentials: the token endpoint. */
        Optional<String> tokenUrl();

        /** OAuth 2 client credentials: the client id. */
        Optional<String> clientId();

        /** OAuth 2 client credentials: the client secret (an app setting or Key Vault reference, never a file). */
        Optional<String> clientSecret();

        /** OAuth 2 client credentials: the scope asked for, when the API wants one. */
        Optional<String> scope();

        /** OAuth 2: send the client id and secret as form fields ({@code true}) or as a basic header. */
        Optional<Boolean> clientCredentialsInBody();

        /**
         * Mutual TLS: the client certificate with its private key, as PEM text or Base64 PKCS#12 (an app setting or
         * a Key Vault reference to a Key Vault certificate); sent on the token call and on every API call.
         */
        Optional<String> clientCertificate();

        /** Mutual TLS: a PEM or PKCS#12 (.pfx/.p12) file holding the client certificate and its private key. */
        Optional<String> clientCertificateFile();

        /** Mutual TLS: the PKCS#12 password, or the password of an encrypted PEM private key. */
        Optional<String> clientCertificatePassword();
    }

    interface Paging {
        /**
         * {@code none}, {@code next-link}, {@code link-header}, {@code offset-limit}, {@code cursor},
         * {@code start-index} or {@code page-number}.
         */
        Optional<String> style();

        /** Records per page asked for. */
        Optional<Integer> pageSize();

        /** The query parameter that asks for the page size ({@code $top}, {@code limit}, {@code count}). */
        Optional<String> pageSizeParam();

        /** Body location of the next page URL ({@code next-link}); absolute or relative to the base URL. */
        Optional<String> nextLinkPath();

        /** Body location of the next cursor ({@code cursor}). */
        Optional<String> cursorPath();

        /** The query parameter that sends the cursor back ({@code cursor}). */
        Optional<String> cursorParam();

        /**
         * The offset ({@code offset-limit}, {@code $skip}) or 1-based start index ({@code start-index}) parameter.
         */
        Optional<String> offsetParam();

        /** The page-number parameter ({@code page-number}: {@code page}); takes the place of offset-param. */
        Optional<String> pageParam();

        /** The number of the first page ({@code page-number}); 1 unless the API counts from 0. */
        Optional<Integer> firstPage();

        /**
         * Body location of the total number of records ({@code totalResults}, {@code meta.total_count}); a read that
         * ends with another number of records fails. An {@code X-Total-Count} header is checked without it.
         */
        Optional<String> totalPath();

        /**
         * Body location of a has-more flag ({@code hasMore}); a last page that says {@code true} fails the read, and
         * {@code false} ends {@code offset-limit} and {@code page-number} paging.
         */
        Optional<String> hasMorePath();
    }

    interface Incremental {
        /** Query parameter of the delta filter; set it to an empty text to always read everything. */
        Optional<String> filterParam();

        /** Its value; {@code {watermark}} is replaced by the formatted watermark. */
        Optional<String> filterTemplate();

        /** DateTimeFormatter pattern (UTC) of {@code {watermark}}; ISO-8601 instant when absent. */
        Optional<String> watermarkFormat();

        /** Record field whose latest timestamp becomes the next watermark. */
        Optional<String> watermarkField();

        /** Response field that holds the server's own watermark. */
        Optional<String> watermarkResponseField();

        /** Re-read window before the watermark ({@code PT1M} with presets). */
        Optional<Duration> overlap();

        /** Filter value when there is no watermark yet, for APIs whose filter is mandatory. */
        Optional<String> initialWatermark();

        /**
         * Query parameter of a changed-since window's start ({@code filterUpdatedStartDate}); set with
         * {@code window-end-param}.
         */
        Optional<String> windowStartParam();

        /** Query parameter of the window's end ({@code filterUpdatedEndDate}), the instant the read started. */
        Optional<String> windowEndParam();

        /** The longest window the API accepts; a longer one is read as several windows in turn. */
        Optional<Duration> windowMaxLength();

        /**
         * The list is sorted by {@code watermark-field}, newest first: stop at the first record older than the
         * watermark (minus the overlap).
         */
        Optional<Boolean> stopAtWatermark();
    }

    interface Detail {
        /** Path of a per-record detail request, with {@code {field}} placeholders, e.g. {@code /employees/{id}}. */
        Optional<String> path();

        /** Query parameters of the detail request. */
        Map<String, String> query();

        /** Dotted location of the record in the detail answer; the body when absent. */
        Optional<String> recordPath();

        /** Listed records whose field of this name has {@code skip-value} get no detail request. */
        Optional<String> skipField();

        /** The value of {@code skip-field} that skips the detail request (BambooHR {@code Deleted}). */
        Optional<String> skipValue();

        /**
         * The detail answer must carry the id-field with the listed record's value; otherwise the record is
         * malformed. Default {@code true}.
         */
        Optional<Boolean> requireSameId();

        /**
         * The detail answer's (dotted) field that carries the listed id, when it is named otherwise than
         * {@code id-field} (UKG person-details {@code employeeId}, the list {@code employeeID}).
         */
        Optional<String> idField();
    }

    /** When a source whose HR API keeps failing is left alone ({@code circuit.*}). */
    interface Circuit {
        /** Consecutive failed reads after which the source is not read until {@link #openFor()} has passed (3). */
        Optional<Integer> failures();

        /** How long a failing source is left alone before one read is tried again ({@code PT30M}). */
        Optional<Duration> openFor();
    }

    interface Http {
        /** TCP connect time-out of one request. */
        Optional<Duration> connectTimeout();

        /** Time for one complete response, headers and body. */
        Optional<Duration> requestTimeout();

        /** Attempts per request, the first included. */
        Optional<Integer> maxAttempts();

        /** Wait before the first retry of a 5xx, time-out or connection error; doubles each time. */
        Optional<Duration> initialBackoff();

        /** Upper bound of that wait. */
        Optional<Duration> maxBackoff();

        /** Longest Retry-After honoured; longer demands wait this long. */
        Optional<Duration> maxRetryAfter();

        /**
         * Statuses that mean "slow down" besides 429 (Paylocity answers 403 when throttling): retried after
         * {@code Retry-After} or {@code X-RateLimit-Reset}, else after the backoff.
         */
        Optional<List<Integer>> throttleStatuses();

        /** The most requests a read sends per minute (HiBob 50, Gusto 200); 0 = no pace. The preset's by default. */
        Optional<Double> requestsPerMinute();
    }
}
