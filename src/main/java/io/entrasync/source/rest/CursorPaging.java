package io.entrasync.source.rest;

import java.util.Optional;

/** {@link PagingStyle#CURSOR}: an opaque cursor from the body goes back as a parameter; ends without a cursor. */
final class CursorPaging implements PageTurner {

    private final String listBase;
    private final String cursorPath;
    private final String cursorParam;

    CursorPaging(String listBase, String cursorPath, String cursorParam) {
        this.listBase = listBase;
        this.cursorPath = cursorPath;
        this.cursorParam = cursorParam;
    }

    @Override
    public Optional<NextPage> next(FinishedPage page) {
        return page.envelope(cursorPath).filter(cursor -> !cursor.isBlank())
                .map(cursor -> NextPage.withParam(listBase, page.query(), cursorParam, cursor));
    }

    @Override
    public boolean emptyAnswerEnds() {
        return false;
    }
}
