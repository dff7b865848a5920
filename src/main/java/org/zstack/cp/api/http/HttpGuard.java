package org.zstack.cp.api.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.jboss.logging.Logger;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.api.ErrorCode;

import java.util.concurrent.TimeUnit;

/**
 * Sits on each HTTP/1.x connection between Netty's codec and Vert.x. It answers what Vert.x would answer with an
 * empty body (a line or headers too long, a request that is not HTTP, a body over the limit, chunked or not) with a
 * ZStack error, and it closes a connection whose request headers, or then body, are not complete in time.
 * All of it runs on the connection's event loop.
 */
final class HttpGuard extends ChannelDuplexHandler {
    static final String NAME = "zstackHttpGuard";
    private static final Logger LOG = Logger.getLogger(HttpGuard.class);
    private final GuardSettings settings;
    private final RequestChecks checks;
    private ScheduledFuture<?> deadline;
    private boolean readingBody;
    private boolean responseStarted;
    private boolean responseEnded;
    private boolean rejected;
    private long bodyBytes;

    HttpGuard(GuardSettings settings) {
        this.settings = settings;
        this.checks = new RequestChecks(settings);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            awaitHeaders(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (deadline == null) {
            awaitHeaders(ctx);
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelDeadline();
        if (readingBody) {
            LOG.debugf("the client at %s closed the connection before its request body was complete",
                    ctx.channel().remoteAddress());
        }
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelDeadline();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (rejected) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            cancelDeadline();
            responseStarted = false;
            responseEnded = false;
            bodyBytes = 0;
            ApiException refusal = checks.refusal(request);
            if (refusal != null) {
                ReferenceCountUtil.release(msg);
                reject(ctx, refusal);
                return;
            }
            readingBody = true;
            arm(ctx, settings.bodyTimeout(), "body");
        }
        if (msg instanceof HttpContent content && readingBody) {
            bodyBytes += content.content().readableBytes();
            if (bodyBytes > settings.maxBodySize()) {
                ReferenceCountUtil.release(msg);
                reject(ctx, checks.tooLarge());
                return;
            }
            if (msg instanceof LastHttpContent) {
                readingBody = false;
                if (responseEnded) {
                    awaitHeaders(ctx);
                } else {
                    cancelDeadline();
                }
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse) {
            responseStarted = true;
        }
        if (msg instanceof LastHttpContent) {
            responseEnded = true;
            if (!readingBody && !rejected) {
                awaitHeaders(ctx);
            }
        }
        ctx.write(msg, promise);
    }

    private void reject(ChannelHandlerContext ctx, ApiException e) {
        rejected = true;
        readingBody = false;
        cancelDeadline();
        LOG.debugf("refused a request from %s: %d %s", ctx.channel().remoteAddress(), e.status(), e.details());
        if (responseStarted) {
            ctx.close();
            return;
        }
        ctx.writeAndFlush(response(e)).addListener(ChannelFutureListener.CLOSE);
    }

    private FullHttpResponse response(ApiException e) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(e.status()), Unpooled.wrappedBuffer(settings.errorBodies().json(e)));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return response;
    }

    private void awaitHeaders(ChannelHandlerContext ctx) {
        arm(ctx, settings.headerTimeout(), "headers");
    }

    private void arm(ChannelHandlerContext ctx, long timeoutMillis, String phase) {
        cancelDeadline();
        deadline = ctx.executor().schedule(() -> expire(ctx, phase), timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void expire(ChannelHandlerContext ctx, String phase) {
        deadline = null;
        LOG.debugf("closing the connection from %s: the request %s were not complete in time",
                ctx.channel().remoteAddress(), phase);
        if (readingBody) {
            reject(ctx, new ApiException(ErrorCode.INVALID_ARGUMENT, 408,
                    "the request body was not complete within " + settings.bodyTimeout() + " ms", null));
        } else {
            rejected = true;
            ctx.close();
        }
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
