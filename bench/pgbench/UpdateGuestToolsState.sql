-- UpdateGuestToolsState as the service issues it (bench/work/sql/UpdateGuestToolsState.log), minus the agent call
-- (/vm/guesttools/state), which happens between the reads and the transaction.
-- Run by bench/run.sh as: pgbench -n -c C -j T -T S -D rows=N -f bench/pgbench/<API>.sql
\set n random(1, :rows)
SELECT expired_date, last_op_date FROM session WHERE uuid = 'e' || lpad('1', 31, '0');
-- VmOnHost.load: a short session of its own, no transaction
SELECT uuid, create_date, description, guest_os_type, host_uuid, hypervisor_type, last_op_date, name, platform, state
  FROM vm_instance WHERE uuid = '1' || lpad(to_hex(:n::int), 31, '0');
SELECT uuid, agent_port, create_date, description, last_op_date, management_ip, name, password_encrypted, ssh_port,
       state, status, username
  FROM host WHERE uuid = 'f' || lpad('1', 31, '0');
BEGIN;
SELECT vm_instance_uuid, create_date, last_op_date, os_type, platform, qga_state, version, zwatch_state
  FROM guest_tools_state WHERE vm_instance_uuid = '1' || lpad(to_hex(:n::int), 31, '0') FOR NO KEY UPDATE;
-- The service writes only when the agent's answer changes the row: the first call for a VM; later ones do not.
-- The WHERE clause below does the same.
UPDATE guest_tools_state SET last_op_date = now(), os_type = 'Linux', platform = 'Linux', qga_state = 'Running',
       version = '4.6.11', zwatch_state = 'Running'
 WHERE vm_instance_uuid = '1' || lpad(to_hex(:n::int), 31, '0')
   AND (qga_state, zwatch_state, version, platform, os_type)
       IS DISTINCT FROM ('Running', 'Running', '4.6.11', 'Linux', 'Linux');
COMMIT;
