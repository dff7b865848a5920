-- UpdateImageStoreBackupStorage (description only) as the service issues it
-- (bench/work/sql/UpdateImageStoreBackupStorage.log): Hibernate reads the joined row, then locks each table
-- Run by bench/run.sh as: pgbench -n -c C -j T -T S -D rows=N -f bench/pgbench/<API>.sql
-- of the entity (@SecondaryTable) with a follow-on SELECT ... FOR NO KEY UPDATE.
\set n random(1, :rows)
\set d random(1, 1000000000)
SELECT expired_date, last_op_date FROM session WHERE uuid = 'e' || lpad('1', 31, '0');
BEGIN;
SELECT b.uuid, b.create_date, b.description, b.last_op_date, b.name, b.state, b.status, b.type, b.url,
       i.agent_port, i.hostname, i.password_encrypted, i.ssh_port, i.username
  FROM backup_storage b JOIN image_store_backup_storage i ON b.uuid = i.uuid
 WHERE b.uuid = '6' || lpad(to_hex(:n::int), 31, '0');
SELECT uuid, agent_port, hostname, password_encrypted, ssh_port, username FROM image_store_backup_storage
 WHERE uuid IN ('6' || lpad(to_hex(:n::int), 31, '0')) FOR NO KEY UPDATE;
SELECT uuid, create_date, description, last_op_date, name, state, status, type, url FROM backup_storage
 WHERE uuid IN ('6' || lpad(to_hex(:n::int), 31, '0')) FOR NO KEY UPDATE;
-- the flush writes every column of backup_storage (image_store_backup_storage is unchanged)
UPDATE backup_storage SET description = 'd-' || :d::text, last_op_date = now(), name = 'bs-' || :n::text, state = 'Enabled',
       status = 'Connected', type = 'ImageStoreBackupStorage', url = '/bench/bs-' || :n::text
 WHERE uuid = '6' || lpad(to_hex(:n::int), 31, '0');
-- the inventory
SELECT backup_storage_uuid, available_capacity, create_date, last_op_date, total_capacity, version
  FROM backup_storage_capacity WHERE backup_storage_uuid IN ('6' || lpad(to_hex(:n::int), 31, '0'));
SELECT id, backup_storage_uuid, create_date, last_op_date, zone_uuid FROM backup_storage_zone_ref
 WHERE backup_storage_uuid IN ('6' || lpad(to_hex(:n::int), 31, '0')) ORDER BY id;
COMMIT;
