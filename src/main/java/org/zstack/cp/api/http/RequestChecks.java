package org.zstack.cp.api.http;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.api.ErrorCode;

/** What {@link HttpGuard} refuses in a request's head: broken HTTP, a line, headers or body over the limits. */
final class RequestChecks {
    private final GuardSettings settings;

    RequestChecks(GuardSettings settings) {
        this.settings = settings;
    }

    /** Why the request is refused before it reaches Vert.x, or null. */
    ApiException refusal(HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            if (cause instanceof TooLongHttpLineException) {
                return new ApiException(ErrorCode.INVALID_ARGUMENT, 414,
                        "the request line is longer than " + settings.maxInitialLineLength() + " bytes", null);
            }
            if (cause instanceof TooLongHttpHeaderException) {
                return new ApiException(ErrorCode.INVALID_ARGUMENT, 431,
                        "the request headers are larger than " + settings.maxHeaderSize() + " bytes", null);
            }
            String reason = cause instanceof TooLongFrameException || cause == null ? "" : ": " + cause.getMessage();
            return ApiException.badRequest("the request is not valid HTTP" + reason);
        }
        if (HttpUtil.getContentLength(request, -1L) > settings.maxBodySize()) {
            return tooLarge();
        }
        if (!wellFormedPercentEncoding(request.uri())) {
            return ApiException.badRequest("the request URI is malformed: a % is not followed by two hex digits");
        }
        return null;
    }

    private static boolean wellFormedPercentEncoding(String uri) {
        for (int i = uri.indexOf('%'); i >= 0; i = uri.indexOf('%', i + 3)) {
            if (i + 2 >= uri.length() || Character.digit(uri.charAt(i + 1), 16) < 0
                    || Character.digit(uri.charAt(i + 2), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    ApiException tooLarge() {
        return new ApiException(ErrorCode.INVALID_ARGUMENT, 413,
                "the request body is larger than " + settings.maxBodySize() + " bytes", null);
    }
}
