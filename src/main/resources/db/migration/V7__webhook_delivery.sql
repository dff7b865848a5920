-- Pending webhook deliveries of finished API jobs (X-Web-Hook), in PostgreSQL so that a restart loses none and any
-- replica may deliver them. A row is written in the transaction that records the job's result and deleted once the
-- receiver answered 2xx; after the last failed attempt it stays, state 'FAILED', for operators to see.
-- A replica claims a due row by setting lease_until (and counting the attempt) while it POSTs; a replica that dies
-- meanwhile leaves a lease that simply expires. attempts doubles as the claim's token: a result is recorded only
-- for the claim that made it.
CREATE TABLE webhook_delivery (
    id              bigserial     PRIMARY KEY,
    job_uuid        varchar(32)   NOT NULL,
    url             varchar(2048) NOT NULL,
    -- scheme://host:port of the URL, lower case: a replica keeps at most a few POSTs in flight to each receiver.
    receiver        text          NOT NULL GENERATED ALWAYS AS
                        (COALESCE(lower(substring(url from '^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*')), '')) STORED,
    success         boolean       NOT NULL,
    body            text          NOT NULL,
    state           varchar(16)   NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'FAILED')),
    attempts        integer       NOT NULL DEFAULT 0,
    next_attempt_at timestamptz   NOT NULL DEFAULT now(),
    lease_until     timestamptz,
    -- What went wrong last: an HTTP status or a connection error, never the URL or the receiver's answer.
    last_error      varchar(512),
    created_at      timestamptz   NOT NULL DEFAULT now()
);
-- For the claim of due rows.
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX webhook_delivery_job_idx ON webhook_delivery (job_uuid);
