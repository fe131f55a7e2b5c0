package io.entrasync.source.rest;

import java.util.Objects;
import java.util.Optional;

/**
 * @param style         the paging style
 * @param pageSize      records asked for per page; 0 sends no page-size parameter
 * @param pageSizeParam query parameter carrying the page size ({@code customPageSize}, {@code limit},
 *                      {@code count}, {@code $top}, {@code per_page})
 * @param nextLinkPath  dotted body location of the next page's URL ({@link PagingStyle#NEXT_LINK})
 * @param cursorPath    dotted body location of the next cursor ({@link PagingStyle#CURSOR})
 * @param cursorParam   query parameter that sends the cursor back
 * @param offsetParam   query parameter of the position: the offset ({@link PagingStyle#OFFSET_LIMIT},
 *                      {@code $skip}), the 1-based start index ({@link PagingStyle#START_INDEX}) or the page
 *                      number ({@link PagingStyle#PAGE_NUMBER}, {@code page})
 * @param totalPath     dotted body location of the total number of records, when the API reports one
 *                      ({@code totalResults}); a page without records is then accepted when the total is 0, and a
 *                      read that ends with another number of records fails
 * @param hasMorePath   dotted body location of a has-more flag ({@code hasMore}); a read whose last page says
 *                      {@code true} fails, and {@code false} ends offset and page-number paging
 * @param firstPage     the number of the first page ({@link PagingStyle#PAGE_NUMBER}; 1 unless the API counts
 *                      from 0)
 */
public record PagingSettings(PagingStyle style, int pageSize, String pageSizeParam, String nextLinkPath,
                             String cursorPath, String cursorParam, String offsetParam, Optional<String> totalPath,
                             Optional<String> hasMorePath, int firstPage) {
    public PagingSettings {
        Objects.requireNonNull(style, "style");
        totalPath = totalPath == null ? Optional.empty() : totalPath.filter(t -> !t.isBlank());
        hasMorePath = hasMorePath == null ? Optional.empty() : hasMorePath.filter(t -> !t.isBlank());
        if (pageSize < 0) {
            throw new IllegalArgumentException("page size must be 0 or more, got " + pageSize);
        }
        if (firstPage < 0) {
            throw new IllegalArgumentException("first page must be 0 or more, got " + firstPage);
        }
    }

    public static PagingSettings none() {
        return new PagingSettings(PagingStyle.NONE, 0, "", "", "", "", "", Optional.empty(), Optional.empty(), 1);
    }
}
