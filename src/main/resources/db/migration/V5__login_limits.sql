-- Failed logins, counted per (account name, client address), per account name (address '') and per client address
-- (account name ''), in PostgreSQL so that every replica sees the same counts. A key is locked once its failures
-- in the current window reach its limit, until lockout has passed since the last counted failure.
CREATE TABLE login_failure (
    account_name varchar(255) NOT NULL,
    address      varchar(128) NOT NULL,
    failures     integer      NOT NULL,
    window_start timestamptz  NOT NULL,
    last_failure timestamptz  NOT NULL,
    PRIMARY KEY (account_name, address)
);
-- For the sweep of stale rows.
CREATE INDEX login_failure_last_failure_idx ON login_failure (last_failure);
