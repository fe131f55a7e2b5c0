package io.entrasync.source.rest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Proves a read complete against what the API itself stated, or fails it: a stated total (a body field at
 * {@code total-path}, {@code X-Total-Count}) that the records read do not match, fewer pages than
 * {@code X-Total-Pages}, a {@code Link: rel="last"} page never reached, a last page whose has-more flag says
 * {@code true}, or a page that repeats the one before it (a server ignoring the paging parameter). Whatever the paging
 * style, so a style's stop rule ({@link PageTurner}) can never end a read short without it being noticed.
 */
final class ReadCompleteness {

    private static final String INCOMPLETE = " The read is incomplete: nothing of it is used, the watermark stays and "
            + "nobody is disabled as a leaver. ";

    private final PagingSettings paging;
    private final HttpFetcher http;
    private final MessageDigest pageDigest = sha256();
    private byte[] previousPage;
    private long received;
    private int pagesWithRecords;
    private StatedTotals.Stated statedRecords;
    private StatedTotals.Stated statedPages;
    private URI lastLink;
    private boolean reachedLast;
    private Optional<Boolean> hasMore = Optional.empty();
    private int lastPage;

    ReadCompleteness(PagingSettings paging, HttpFetcher http) {
        this.paging = paging;
        this.http = http;
    }

    /** Counts one entry of the current page. */
    void entry(JsonNode node) {
        received++;
        pageDigest.update(node.toString().getBytes(StandardCharsets.UTF_8));
        pageDigest.update((byte) 0);
    }

    /** Takes what {@code page} stated; fails when it repeats the page before it or states a total that is no number. */
    void pageRead(FinishedPage page) {
        lastPage = page.number();
        byte[] digest = pageDigest.digest();
        if (page.records() > 0) {
            if (previousPage != null && Arrays.equals(previousPage, digest)) {
                throw new ApiSourceException(http.prefix(page.what()) + "the page repeats the page before it (the "
                        + "same " + page.records() + " records): the API ignores the paging parameters, so the read "
                        + "would loop. Check paging.style and the paging parameter names of this source."
                        + INCOMPLETE);
            }
            pagesWithRecords++;
            previousPage = digest;
        }
        StatedTotals.records(page, paging).ifPresent(stated -> statedRecords = number(stated, page));
        StatedTotals.pages(page).ifPresent(stated -> statedPages = number(stated, page));
        HeaderLinkPaging.linkTo(page, "last").filter(link -> !link.isBlank())
                .ifPresent(link -> lastLink = resolve(page.uri(), link));
        reachedLast |= lastLink != null && QueryString.sameAddress(lastLink, page.uri());
        hasMore = page.hasMore(paging.hasMorePath());
    }

    /** Fails unless the read, now at the end its paging style found, matches everything the API stated. */
    void verifyEnd() {
        String what = "page " + lastPage;
        if (hasMore.orElse(false)) {
            throw new ApiSourceException(http.prefix(what) + "the read ended after " + received + " records, but the "
                    + "last page's '" + paging.hasMorePath().orElse("") + "' says more follow." + INCOMPLETE
                    + "Check paging.style of this source (docs/hr-api-sources.md, \"Stop rules\").");
        }
        if (statedRecords != null) {
            long expected = statedRecords.number().orElseThrow();
            if (received != expected) {
                throw new ApiSourceException(http.prefix(what) + "the read got " + received + " records, but "
                        + statedRecords.where() + " stated " + expected + (received < expected ? "."
                        : ": the list changed while it was read, or the total is wrong; records may have moved "
                        + "between pages.") + INCOMPLETE + "Check paging.style and paging.* of this source "
                        + "(docs/hr-api-sources.md, \"Stop rules\"); if the total itself is wrong, tell the HR "
                        + "system's administrator.");
            }
        }
        if (statedPages != null && pagesWithRecords < statedPages.number().orElseThrow()) {
            throw new ApiSourceException(http.prefix(what) + "the read got " + pagesWithRecords + " pages of records, "
                    + "but " + statedPages.where() + " stated " + statedPages.text().trim() + "." + INCOMPLETE
                    + "Check paging.style and paging.* of this source (docs/hr-api-sources.md, \"Stop rules\").");
        }
        if (lastLink != null && !reachedLast) {
            throw new ApiSourceException(http.prefix(what) + "the read ended before the last page its Link header "
                    + "named (" + http.scrub(lastLink.toString()) + ")." + INCOMPLETE
                    + "Check paging.style and paging.* of this source (docs/hr-api-sources.md, \"Stop rules\").");
        }
    }

    private StatedTotals.Stated number(StatedTotals.Stated stated, FinishedPage page) {
        if (stated.number().filter(n -> n >= 0).isEmpty()) {
            throw new ApiSourceException(http.prefix(page.what()) + stated.where() + " says '"
                    + http.scrub(ResponseBodies.clip(stated.text())) + "', not a number of records or pages, so the "
                    + "read cannot be proved complete." + INCOMPLETE + "Check paging.total-path of this source.");
        }
        return stated;
    }

    private URI resolve(URI current, String link) {
        try {
            return current.resolve(link.trim());
        } catch (IllegalArgumentException e) {
            throw new ApiSourceException(http.prefix("page " + lastPage) + "the Link header's rel=\"last\" '"
                    + http.scrub(ResponseBodies.clip(link)) + "' is not a URL, so the read cannot be proved complete."
                    + INCOMPLETE, e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
