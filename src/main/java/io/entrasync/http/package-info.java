/**
 * HTTP answers read safely, for every client of the app (the Graph client and the HR API fetcher): an error body is
 * read only up to a limit, then the connection is closed. Imports nothing of the pipeline. Entry point:
 * {@link io.entrasync.http.ErrorBodyHandler}.
 */
package io.entrasync.http;
