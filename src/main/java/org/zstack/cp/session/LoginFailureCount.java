package org.zstack.cp.session;

/**
 * The failed logins counted under one key of {@code login_failure}, and for how many more seconds the key stays
 * locked if its count has reached its limit (read by the lock check; 0 from a count just recorded).
 */
record LoginFailureCount(String accountName, String address, int failures, long lockedForSeconds) {
}
