package org.zstack.cp.db;

import io.smallrye.mutiny.Uni;

/**
 * What the transaction that concludes an operation must write besides the operation's rows: the result of the API
 * job the operation runs in. {@link Transactions#concluding} finds it in the Mutiny context of the pipeline under
 * {@link #KEY}; without one (a synchronous call) a concluding transaction is an ordinary one.
 */
public interface Conclusion {
    String KEY = "zstack.conclusion";

    /** Writes the operation's successful result; runs inside the concluding transaction, before its commit. */
    Uni<Void> succeeded(Object result);

    /** Writes the operation's failure, for an operation whose failure still changes rows (a failed reconnect). */
    Uni<Void> failed(Throwable failure);

    /** Called once the concluding transaction has committed. */
    void committed();
}
