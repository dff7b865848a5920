package org.zstack.cp.db;

import io.smallrye.mutiny.Uni;

/**
 * What the transaction that concludes an operation must write besides the operation's rows: the result of the API
 * job the operation runs in. {@link Transactions#concluding} finds it in the Mutiny context of the pipeline under
 * {@link #KEY}; without one (a synchronous call) a concluding transaction is an ordinary one.
 */
public interface Conclusion {
    String KEY = "zstack.conclusion";

    /**
     * Before the operation does anything outside the database (an agent call), in the operation's pipeline:
     * records the job as running, so that no other replica runs it too; fails when another one does.
     */
    static Uni<Void> beforeOutsideEffect() {
        return Uni.createFrom().context(context -> {
            Conclusion conclusion = context.getOrElse(KEY, () -> null);
            return conclusion == null ? Uni.createFrom().voidItem() : conclusion.beforeOutsideEffects();
        });
    }

    Uni<Void> beforeOutsideEffects();

    /** Writes the operation's successful result; runs in the concluding transaction, before its commit. */
    Uni<Void> succeeded(TransactionSql transaction, Object result);

    /** Writes the operation's failure, for an operation whose failure still changes rows (a failed reconnect). */
    Uni<Void> failed(TransactionSql transaction, Throwable failure);

    /** Called once the concluding transaction has committed. */
    void committed();
}
