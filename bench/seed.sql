-- Seeds the benchmark's rows after the app's Flyway migrations have created the schema.
--   psql -v ON_ERROR_STOP=1 -v rows=1000 -v agent_port=7070 -f bench/seed.sql
-- Every uuid is a one-hex-digit kind followed by n in 31 hex digits, so wrk's Lua
-- (string.format("3%031x", n)) and pgbench ('3' || lpad(to_hex(:n), 31, '0')) can name row n directly:
--   f..1 the host        1..n running VMs      2..n stopped VMs     3..n TPMs (of stopped VM n)
--   4..k key providers (k = 1..4)              5..n IAM2 virtual IDs               6..n backup storages
\set ON_ERROR_STOP on
-- The rows are consistent by construction: skip the per-row FK triggers (superuser only) and the WAL flush.
SET session_replication_role = replica;
SET synchronous_commit = off;
SET maintenance_work_mem = '256MB';

BEGIN;

INSERT INTO host (uuid, name, description, management_ip, agent_port, ssh_port, username, password_encrypted,
                  state, status, create_date, last_op_date)
VALUES ('f' || lpad('1', 31, '0'), 'bench-host', 'benchmark host (stub agent)', '127.0.0.1', :agent_port, 22,
        'root', 'v1:bench', 'Enabled', 'Connected', now(), now());

INSERT INTO vm_instance (uuid, name, description, state, host_uuid, hypervisor_type, platform, guest_os_type,
                         create_date, last_op_date)
SELECT '1' || lpad(to_hex(n), 31, '0'), 'vm-running-' || n, NULL, 'Running', 'f' || lpad('1', 31, '0'), 'KVM',
       'Linux', 'Linux', now(), now()
FROM generate_series(1, :rows) AS n;

INSERT INTO vm_instance (uuid, name, description, state, host_uuid, hypervisor_type, platform, guest_os_type,
                         create_date, last_op_date)
SELECT '2' || lpad(to_hex(n), 31, '0'), 'vm-stopped-' || n, NULL, 'Stopped', 'f' || lpad('1', 31, '0'), 'KVM',
       'Linux', 'Linux', now(), now()
FROM generate_series(1, :rows) AS n;

INSERT INTO guest_tools_state (vm_instance_uuid, qga_state, zwatch_state, create_date, last_op_date)
SELECT k || lpad(to_hex(n), 31, '0'), 'NotInstalled', 'NotInstalled', now(), now()
FROM generate_series(1, :rows) AS n, (VALUES ('1'), ('2')) AS kinds(k);

INSERT INTO key_provider (uuid, name, type, description, create_date, last_op_date)
SELECT '4' || lpad(to_hex(k), 31, '0'), 'kms-' || k, 'KMS', 'benchmark key provider ' || k, now(), now()
FROM generate_series(1, 4) AS k;

INSERT INTO tpm (uuid, name, vm_instance_uuid, key_provider_uuid, create_date, last_op_date)
SELECT '3' || lpad(to_hex(n), 31, '0'), 'TPM-for-VM-2' || lpad(to_hex(n), 31, '0'), '2' || lpad(to_hex(n), 31, '0'),
       '4' || lpad('1', 31, '0'), now(), now()
FROM generate_series(1, :rows) AS n;

INSERT INTO iam2_virtual_id (uuid, name, description, password_hash, state, type, create_date, last_op_date)
SELECT '5' || lpad(to_hex(n), 31, '0'), 'vid-' || n, NULL,
       '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g',
       'Enabled', 'ZStack', now(), now()
FROM generate_series(1, :rows) AS n;

INSERT INTO backup_storage (uuid, name, url, description, type, state, status, create_date, last_op_date)
SELECT '6' || lpad(to_hex(n), 31, '0'), 'bs-' || n, '/bench/bs-' || n, NULL, 'ImageStoreBackupStorage', 'Enabled',
       'Connected', now(), now()
FROM generate_series(1, :rows) AS n;

INSERT INTO image_store_backup_storage (uuid, hostname, username, password_encrypted, ssh_port, agent_port)
SELECT '6' || lpad(to_hex(n), 31, '0'), 'bs-' || n || '.bench', 'root', 'v1:bench', 22, :agent_port
FROM generate_series(1, :rows) AS n;

INSERT INTO backup_storage_capacity (backup_storage_uuid, total_capacity, available_capacity, version, create_date,
                                     last_op_date)
SELECT '6' || lpad(to_hex(n), 31, '0'), 1099511627776, 966367641600, 0, now(), now()
FROM generate_series(1, :rows) AS n;

-- A session for the pgbench scripts' session check (the wrk runs log in through the API).
INSERT INTO session (uuid, account_uuid, user_uuid, user_type, expired_date, create_date, last_op_date)
SELECT 'e' || lpad('1', 31, '0'), uuid, uuid, 'AccountVO', now() + interval '30 days', now(), now()
FROM account WHERE name = 'admin';

COMMIT;

SET session_replication_role = DEFAULT;
