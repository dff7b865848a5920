-- UpdateTpm as the service issues it (from bench/work/sql/UpdateTpm.log: Hibernate Reactive, Quarkus prod).
-- Run by bench/run.sh as: pgbench -n -c C -j T -T S -D rows=N -f bench/pgbench/UpdateTpm.sql
-- The session check (outside the transaction) reads the seeded session 'e000...1' (bench/seed.sql).
\set n random(1, :rows)
\set kp random(1, 4)
SELECT expired_date, last_op_date FROM session WHERE uuid = 'e' || lpad('1', 31, '0');
BEGIN;
-- tpms.require(tpmUuid), keyProviders.require(keyProviderUuid), vms.require(tpm.vmInstanceUuid)
SELECT uuid, create_date, key_provider_uuid, last_op_date, name, vm_instance_uuid FROM tpm
 WHERE uuid = '3' || lpad(to_hex(:n::int), 31, '0');
SELECT uuid, create_date, description, last_op_date, name, type FROM key_provider
 WHERE uuid = '4' || lpad(to_hex(:kp::int), 31, '0');
SELECT uuid, create_date, description, guest_os_type, host_uuid, hypervisor_type, last_op_date, name, platform, state
  FROM vm_instance WHERE uuid = '2' || lpad(to_hex(:n::int), 31, '0');
-- RowLocks.lockAndRefresh: the VM FOR SHARE, then the TPM
SELECT uuid, create_date, description, guest_os_type, host_uuid, hypervisor_type, last_op_date, name, platform, state
  FROM vm_instance WHERE uuid = '2' || lpad(to_hex(:n::int), 31, '0') FOR SHARE;
SELECT uuid, create_date, key_provider_uuid, last_op_date, name, vm_instance_uuid FROM tpm
 WHERE uuid = '3' || lpad(to_hex(:n::int), 31, '0') FOR NO KEY UPDATE;
-- the flush writes every column (lastOpDate always changes)
UPDATE tpm SET key_provider_uuid = '4' || lpad(to_hex(:kp::int), 31, '0'), last_op_date = now(),
       name = 'TPM-for-VM-2' || lpad(to_hex(:n::int), 31, '0'), vm_instance_uuid = '2' || lpad(to_hex(:n::int), 31, '0')
 WHERE uuid = '3' || lpad(to_hex(:n::int), 31, '0');
-- the inventory's host refs
SELECT id, create_date, host_uuid, last_op_date, path, tpm_uuid FROM tpm_host_ref
 WHERE tpm_uuid IN ('3' || lpad(to_hex(:n::int), 31, '0')) ORDER BY id;
COMMIT;
