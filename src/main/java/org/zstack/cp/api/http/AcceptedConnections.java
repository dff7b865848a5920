package org.zstack.cp.api.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * In the listening channel's pipeline, it sees each accepted connection before Vert.x sets it up, and adds a
 * {@link GuardInstaller} to it. A listening channel's handlers receive the accepted channels as messages (Netty).
 */
@ChannelHandler.Sharable
final class AcceptedConnections extends ChannelInboundHandlerAdapter {
    static final String NAME = "zstackAcceptedConnections";
    private final GuardSettings settings;

    AcceptedConnections(GuardSettings settings) {
        this.settings = settings;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Channel child) {
            child.pipeline().addLast(GuardInstaller.NAME, new GuardInstaller(settings));
        }
        ctx.fireChannelRead(msg);
    }

    /**
     * Waits until Vert.x has built the HTTP/1.x pipeline of the connection (it does so when the channel registers,
     * before it becomes active), then puts an {@link HttpGuard} right before Vert.x's handler and leaves.
     */
    static final class GuardInstaller extends ChannelInboundHandlerAdapter {
        static final String NAME = "zstackGuardInstaller";
        private static final String VERTX_HANDLER = "handler";
        private final GuardSettings settings;

        GuardInstaller(GuardSettings settings) {
            this.settings = settings;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            install(ctx);
            super.channelActive(ctx);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            install(ctx);
            super.channelRead(ctx, msg);
        }

        private void install(ChannelHandlerContext ctx) {
            if (ctx.pipeline().get(VERTX_HANDLER) != null && ctx.pipeline().get(HttpGuard.NAME) == null) {
                ctx.pipeline().addBefore(VERTX_HANDLER, HttpGuard.NAME, new HttpGuard(settings));
                ctx.pipeline().remove(this);
            }
        }
    }
}
