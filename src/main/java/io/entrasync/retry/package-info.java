/**
 * What every retrying client of the product shares, and nothing else: the one {@code Retry-After} parser
 * ({@link io.entrasync.retry.RetryAfter}), the one backoff with jitter ({@link io.entrasync.retry.Backoff}) and the
 * one seam for waiting ({@link io.entrasync.retry.Sleeper}; the clock seam is {@link java.time.Clock}, injected beside
 * it). Microsoft Graph ({@code io.entrasync.graph}), the HR API sources ({@code io.entrasync.source.rest}) and the
 * pacers ({@code io.entrasync.upload}) import it; it imports no other package of the product, so no import cycle can
 * run through it.
 */
package io.entrasync.retry;
