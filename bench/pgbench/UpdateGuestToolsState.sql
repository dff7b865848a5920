-- UpdateGuestToolsState as the service issues it in the steady state of the benchmark: one read of the VM, its host
-- and its guest-tools row; the stub agent then reports the state already stored, so nothing is written. (The
-- first call on each VM writes the change with one version-checked UPDATE; the warm-up makes those.)
-- Run by bench/run.sh as: pgbench -n -M prepared -c C -j T -T S -D rows=N -f bench/pgbench/<API>.sql
-- The session check is not here: a replica trusts a session it has read for 2 s (zstack.session.cache-ttl), so
-- under load it reads the session row about once every 2 s, not once a request.
\set n random(1, :rows)
SELECT v.uuid, v.state, v.platform, v.guest_os_type, h.management_ip, h.agent_port, g.vm_instance_uuid,
       g.qga_state, g.zwatch_state, g.version, g.platform AS g_platform, g.os_type, g.create_date, g.last_op_date
  FROM vm_instance v JOIN host h ON h.uuid = v.host_uuid
  LEFT JOIN guest_tools_state g ON g.vm_instance_uuid = v.uuid
 WHERE v.uuid = '1' || lpad(to_hex(:n::int), 31, '0');
