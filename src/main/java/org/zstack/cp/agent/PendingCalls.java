package org.zstack.cp.agent;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent calls of this replica that wait for their reply by callback, by {@code taskuuid}. A reply completes
 * exactly the call with its taskuuid, once: completing removes it. A call that ends without its reply (deadline,
 * cancel) is removed too, and its taskuuid is remembered for a while so that a late reply is logged once.
 */
@ApplicationScoped
class PendingCalls {
    private static final int REMEMBERED_EXPIRED = 10_000;
    private final Map<String, Waiting> pending = new ConcurrentHashMap<>();
    private final Set<String> expired = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED_EXPIRED;
                }
            }));

    /** What an agent POSTed to the callback: the {@code error} header (its traceback), if any, and the body. */
    record Reply(String error, Buffer body) {
    }

    private record Waiting(CompletableFuture<Reply> reply, Context context) {
    }

    /** A fresh, unguessable taskuuid: 32 hex characters of a random UUID. */
    static String newTaskUuid() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** Registers the call; the Uni ends on the caller's Vert.x context when the reply comes. */
    Uni<Reply> await(String taskUuid) {
        Waiting waiting = new Waiting(new CompletableFuture<>(), Vertx.currentContext());
        pending.put(taskUuid, waiting);
        return Uni.createFrom().emitter(emitter -> waiting.reply().thenAccept(reply -> {
            if (waiting.context() == null) {
                emitter.complete(reply);
            } else {
                waiting.context().runOnContext(v -> emitter.complete(reply));
            }
        }));
    }

    boolean isPending(String taskUuid) {
        return pending.containsKey(taskUuid);
    }

    /** Hands the reply to the call that waits for it; false when none waits (unknown, replayed, or too late). */
    boolean complete(String taskUuid, Reply reply) {
        Waiting waiting = pending.remove(taskUuid);
        return waiting != null && waiting.reply().complete(reply);
    }

    /** The call ended; unless its reply came, it no longer waits for one. */
    void end(String taskUuid) {
        if (pending.remove(taskUuid) != null) {
            expired.add(taskUuid);
        }
    }

    /** Whether the taskuuid is one of a call that ended without its reply; true only the first time asked. */
    boolean takeLate(String taskUuid) {
        return expired.remove(taskUuid);
    }

    int size() {
        return pending.size();
    }
}
