-- ZStack API jobs: an async API called with X-Job-UUID answers 202 and its result is polled from here, on any replica.
CREATE TABLE api_job (
    uuid          varchar(32)   PRIMARY KEY,
    account_uuid  varchar(32)   NOT NULL,
    request_hash  varchar(64)   NOT NULL,
    request_line  varchar(2048) NOT NULL,
    state         varchar(16)   NOT NULL CHECK (state IN ('Running', 'Succeeded', 'Failed')),
    result_status integer,
    result_body   text,
    web_hook      varchar(2048),
    with_schema   boolean       NOT NULL,
    created_at    timestamptz   NOT NULL DEFAULT now(),
    deadline_at   timestamptz   NOT NULL,
    finished_at   timestamptz,
    CHECK ((state = 'Running') = (finished_at IS NULL))
);
CREATE INDEX api_job_finished_at_idx ON api_job (finished_at) WHERE finished_at IS NOT NULL;
CREATE INDEX api_job_running_deadline_idx ON api_job (deadline_at) WHERE state = 'Running';
