package org.zstack.cp.job;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.zstack.cp.db.TransactionSql;

/**
 * Webhooks of API jobs ({@code X-Web-Hook}): when a job ends its result body is POSTed to the URL with the headers
 * {@code X-Job-UUID} and {@code X-Job-Success}, and retried ({@code zstack.webhook.*}) until the receiver answers
 * 2xx. The delivery is kept in PostgreSQL, so any replica delivers it and a restart loses none.
 */
@ApplicationScoped
public class Webhooks {
    private final WebhookDeliveryRepository deliveries;
    private final WebhookDeliverer deliverer;

    public Webhooks(WebhookDeliveryRepository deliveries, WebhookDeliverer deliverer) {
        this.deliveries = deliveries;
        this.deliverer = deliverer;
    }

    /**
     * Records the delivery of a job's result, in the transaction that records that result (the row
     * commits or rolls back with it), with a URL {@link WebhookTargets#check} accepted, and {@link #kick()} after
     * the commit.
     */
    public Uni<Void> enqueue(TransactionSql transaction, String jobUuid, String url, boolean success, String body) {
        return deliveries.add(transaction, jobUuid, url, success, body);
    }

    /** Starts delivering due webhooks now rather than at the next round. */
    public void kick() {
        deliverer.kick();
    }
}
