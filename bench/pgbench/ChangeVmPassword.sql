-- ChangeVmPassword as the service issues it (bench/work/sql/ChangeVmPassword.log): reads only, no transaction;
-- the work is the agent call (/vm/changepasswd), which pgbench cannot stand in for.
-- Run by bench/run.sh as: pgbench -n -c C -j T -T S -D rows=N -f bench/pgbench/<API>.sql
\set n random(1, :rows)
SELECT expired_date, last_op_date FROM session WHERE uuid = 'e' || lpad('1', 31, '0');
SELECT uuid, create_date, description, guest_os_type, host_uuid, hypervisor_type, last_op_date, name, platform, state
  FROM vm_instance WHERE uuid = '1' || lpad(to_hex(:n::int), 31, '0');
SELECT uuid, agent_port, create_date, description, last_op_date, management_ip, name, password_encrypted, ssh_port,
       state, status, username
  FROM host WHERE uuid = 'f' || lpad('1', 31, '0');
