/**
 * The one HTTP client for Microsoft Graph: the bearer token, Graph's JSON errors explained, Retry-After and backoff
 * for throttled calls, a gate for pacing and quota on every attempt. Entry point:
 * {@link io.entrasync.graph.GraphClient}.
 */
package io.entrasync.graph;
