package io.entrasync.source.rest;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@link PagingStyle#LINK_HEADER}: an RFC 8288 {@code Link: <url>; rel="next"} header; ends without one. */
final class HeaderLinkPaging implements PageTurner {

    private final LinkFollower links;

    HeaderLinkPaging(LinkFollower links) {
        this.links = links;
    }

    /** The target of the {@code Link} header whose relation is {@code rel} ("next", "last"). */
    static Optional<String> linkTo(FinishedPage page, String rel) {
        Pattern pattern = Pattern.compile("<([^>]*)>\\s*;[^,]*rel\\s*=\\s*\"?" + Pattern.quote(rel) + "\"?",
                Pattern.CASE_INSENSITIVE);
        return page.headers().allValues("Link").stream().map(pattern::matcher).filter(Matcher::find).findFirst()
                .map(m -> m.group(1));
    }

    @Override
    public Optional<NextPage> next(FinishedPage page) {
        return linkTo(page, "next").filter(link -> !link.isBlank()).map(link -> links.follow(page, link));
    }

    @Override
    public boolean emptyAnswerEnds() {
        return false;
    }
}
