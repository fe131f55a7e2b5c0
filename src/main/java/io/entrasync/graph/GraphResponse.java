package io.entrasync.graph;

import java.net.http.HttpHeaders;

/**
 * A successful (2xx) Graph response.
 *
 * @param status the HTTP status
 * @param headers the response headers ({@code Location} for bulkUpload)
 * @param body the body, empty for bulkUpload's 202
 * @param attempts how many HTTP attempts it took
 */
public record GraphResponse(int status, HttpHeaders headers, String body, int attempts) {
}
