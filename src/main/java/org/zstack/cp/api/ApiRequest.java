package org.zstack.cp.api;

/**
 * One parsed and validated request: the resource UUID from the path (null where the path has none),
 * the operation's parameters, and the tags.
 */
public record ApiRequest<P>(String targetUuid, P params, Tags tags) {
    public boolean validationOnly() {
        return tags.validationOnly();
    }
}
