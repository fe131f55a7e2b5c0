package io.entrasync.source.rest;

/** How a REST source splits its records into pages. */
public enum PagingStyle {
    /** One response holds every record (Workday RaaS, BambooHR's changed list). */
    NONE,
    /** The body carries the URL of the next page ({@code d.__next}, {@code _meta.links.next.href}). */
    NEXT_LINK,
    /** An RFC 8288 {@code Link: <url>; rel="next"} response header. */
    LINK_HEADER,
    /** {@code offset} / {@code limit} query parameters; the offset starts at 0 and stops at an empty page. */
    OFFSET_LIMIT,
    /** An opaque cursor in the body, sent back as a query parameter. */
    CURSOR,
    /** SCIM 2.0 (RFC 7644 section 3.4.2.4): 1-based {@code startIndex} and {@code count}, ends at totalResults. */
    START_INDEX
}
