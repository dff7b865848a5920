package org.zstack.cp.api;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

import java.util.List;

/**
 * A parsed ZStack query: an HQL condition over bound parameters only, the order, the page, whether the total is
 * wanted, whether only the total is wanted ({@code count}), and the inventory fields to answer with ({@code fields},
 * null for all of them). {@code where} is empty when there is no condition.
 */
public record Query(String where, Parameters parameters, Sort sort, int start, int limit, boolean replyWithCount,
                    boolean count, List<String> fields) {
    /** Whether the total is counted: asked for with the rows, or asked for alone. */
    public boolean counts() {
        return replyWithCount || count;
    }
}
