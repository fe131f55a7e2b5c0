package io.entrasync.source.rest;

import java.net.URI;

/** Follows a next-page link a server gave: only to the configured origin, and never back to the same page. */
final class LinkFollower {

    private final HttpFetcher http;
    private final String settingKey;

    /** @param settingKey the key that tells where the link is read ("next-link-path"), for the error messages */
    LinkFollower(HttpFetcher http, String settingKey) {
        this.http = http;
        this.settingKey = settingKey;
    }

    NextPage follow(FinishedPage page, String link) {
        URI next;
        try {
            next = page.uri().resolve(link.trim());
        } catch (IllegalArgumentException e) {
            throw new ApiSourceException(http.prefix(page.what()) + "the next-page link '" + http.scrub(link)
                    + "' is not a URL; stopping. Check " + settingKey + " of this source.", e);
        }
        http.requireConfiguredOrigin(next, page.what(), "the next-page link");
        if (next.equals(page.uri())) {
            throw new ApiSourceException(http.prefix(page.what()) + "the next-page link points at the same page ("
                    + http.scrub(next.toString()) + "); stopping rather than looping. Check " + settingKey
                    + " of this source.");
        }
        return new NextPage(next, page.query());
    }
}
