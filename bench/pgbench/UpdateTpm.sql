-- UpdateTpm (by tpmUuid, a new key provider, the VM Stopped) as the service issues it: one statement, no explicit
-- transaction, that reads the VM FOR SHARE, changes the key provider only if the rules hold, and reads back the
-- inventory with its host refs.
-- Run by bench/run.sh as: pgbench -n -M prepared -c C -j T -T S -D rows=N -f bench/pgbench/<API>.sql
-- The session check is not here: a replica trusts a session it has read for 2 s (zstack.session.cache-ttl), so
-- under load it reads the session row about once every 2 s, not once a request.
\set n random(1, :rows)
\set kp random(1, 4)
WITH vm AS (SELECT v.state FROM vm_instance v
             WHERE v.uuid = (SELECT vm_instance_uuid FROM tpm WHERE uuid = '3' || lpad(to_hex(:n::int), 31, '0'))
               FOR SHARE),
     t AS (UPDATE tpm SET key_provider_uuid = COALESCE('4' || lpad(to_hex(:kp::int), 31, '0'), key_provider_uuid),
                  last_op_date = now()
            WHERE uuid = '3' || lpad(to_hex(:n::int), 31, '0') AND (NULL::varchar IS NULL OR vm_instance_uuid = NULL)
              AND (key_provider_uuid IS NOT DISTINCT FROM '4' || lpad(to_hex(:kp::int), 31, '0')
                   OR (SELECT state FROM vm) = 'Stopped')
        RETURNING *)
SELECT t.uuid, t.name, t.vm_instance_uuid, t.key_provider_uuid, t.create_date, t.last_op_date,
       r.id AS r_id, r.host_uuid AS r_host_uuid, r.path AS r_path, r.create_date AS r_create_date,
       r.last_op_date AS r_last_op_date
  FROM t LEFT JOIN tpm_host_ref r ON r.tpm_uuid = t.uuid ORDER BY r.id;
