/**
 * Reads HR systems' REST APIs page by page (generic, with presets for SuccessFactors, Workday RaaS, BambooHR,
 * Personio and SCIM): authentication, paging styles, incremental reads from a watermark, retries. Entry point:
 * {@link io.entrasync.source.rest.RestSources}.
 */
package io.entrasync.source.rest;
