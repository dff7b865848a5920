-- UpdateIAM2VirtualID (description only) as the service issues it (bench/work/sql/UpdateIAM2VirtualID.log).
\set n random(1, :rows)
-- Run by bench/run.sh as: pgbench -n -c C -j T -T S -D rows=N -f bench/pgbench/<API>.sql
\set d random(1, 1000000000)
SELECT expired_date, last_op_date FROM session WHERE uuid = 'e' || lpad('1', 31, '0');
BEGIN;
SELECT uuid, create_date, description, last_op_date, name, password_hash, state, type FROM iam2_virtual_id
 WHERE uuid = '5' || lpad(to_hex(:n::int), 31, '0') FOR NO KEY UPDATE;
-- the flush writes every column
UPDATE iam2_virtual_id SET description = 'd-' || :d::text, last_op_date = now(), name = 'vid-' || :n::text,
       password_hash = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g',
       state = 'Enabled', type = 'ZStack'
 WHERE uuid = '5' || lpad(to_hex(:n::int), 31, '0');
SELECT uuid, create_date, last_op_date, name, type, value, virtual_id_uuid FROM iam2_virtual_id_attribute
 WHERE virtual_id_uuid IN ('5' || lpad(to_hex(:n::int), 31, '0')) ORDER BY create_date, uuid;
COMMIT;
