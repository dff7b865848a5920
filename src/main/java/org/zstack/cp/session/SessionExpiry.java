package org.zstack.cp.session;

import java.time.Instant;

/** What a session check needs of a stored session: its account, its expiry, and when its row was last written. */
record SessionExpiry(String accountUuid, Instant expiredDate, Instant lastWrite) {
}
