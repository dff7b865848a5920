package org.zstack.cp.api.http;

/** What every {@link HttpGuard} needs, read once at start. Times are in milliseconds. */
record GuardSettings(long headerTimeout, long bodyTimeout, long maxBodySize, int maxInitialLineLength,
                     long maxHeaderSize, ErrorBodies errorBodies) {
}
