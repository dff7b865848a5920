package org.zstack.cp.api;

/**
 * Parameters with rules that annotations cannot say (a password's pattern, a choice between two fields).
 * {@link RequestReader} calls {@link #check()} after the annotation constraints; it throws {@link ApiException}.
 */
public interface CheckedParams {
    void check();
}
