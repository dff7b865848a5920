-- UpdateImageStoreBackupStorage (description only) as the service issues it: one statement, no explicit
-- transaction, that locks only the backup_storage row and reads back the whole inventory.
-- Run by bench/run.sh as: pgbench -n -M prepared -c C -j T -T S -D rows=N -f bench/pgbench/<API>.sql
-- The session check is not here: a replica trusts a session it has read for 2 s (zstack.session.cache-ttl), so
-- under load it reads the session row about once every 2 s, not once a request.
\set n random(1, :rows)
\set d random(1, 1000000000)
WITH b AS (UPDATE backup_storage SET name = COALESCE(NULL::varchar, name),
             description = COALESCE('d-' || :d::text, description), last_op_date = now()
            WHERE uuid = '6' || lpad(to_hex(:n::int), 31, '0') RETURNING *)
SELECT b.uuid, b.name, b.url, b.description, b.type, b.state, b.status, b.create_date, b.last_op_date,
       d.hostname, d.username, d.ssh_port, c.total_capacity, c.available_capacity,
       ARRAY(SELECT z.zone_uuid FROM backup_storage_zone_ref z WHERE z.backup_storage_uuid = b.uuid ORDER BY z.id)
         AS zones
  FROM b JOIN image_store_backup_storage d ON d.uuid = b.uuid
  LEFT JOIN backup_storage_capacity c ON c.backup_storage_uuid = b.uuid;
