package io.entrasync.source.rest;

/**
 * How a REST source splits its records into pages. Each style has one stop rule (docs/hr-api-sources.md, "Stop rules");
 * {@link PageTurner#of} gives the class that applies it, and {@link ReadCompleteness} checks the end against what the
 * API stated.
 */
public enum PagingStyle {
    /** One response holds every record (Workday RaaS, BambooHR's changed list, HiBob's people search). */
    NONE,
    /** The body carries the URL of the next page ({@code d.__next}, {@code _meta.links.next.href}); ends without it. */
    NEXT_LINK,
    /** An RFC 8288 {@code Link: <url>; rel="next"} response header; ends without it. */
    LINK_HEADER,
    /**
     * {@code offset} / {@code limit} query parameters ({@code $skip} / {@code $top}); the offset starts at 0 and the
     * list ends at an empty page, a 204, a has-more flag of {@code false} or the stated total.
     */
    OFFSET_LIMIT,
    /** An opaque cursor in the body, sent back as a query parameter; ends without a cursor. */
    CURSOR,
    /** SCIM 2.0 (RFC 7644 section 3.4.2.4): 1-based {@code startIndex} and {@code count}, ends at totalResults. */
    START_INDEX,
    /**
     * A page number ({@code page}, from {@code first-page}) and a page size ({@code per_page}); ends at an empty page,
     * a 204, a has-more flag of {@code false}, or the last page an {@code X-Total-Pages} header names.
     */
    PAGE_NUMBER
}
