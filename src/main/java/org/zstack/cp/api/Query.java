package org.zstack.cp.api;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/**
 * A parsed ZStack query: an HQL condition over bound parameters only, the order, the page,
 * and whether the total is wanted. {@code where} is empty when there is no condition.
 */
public record Query(String where, Parameters parameters, Sort sort, int start, int limit, boolean replyWithCount) {
}
