-- UpdateIAM2VirtualID (description only) as the service issues it: one statement, no explicit transaction, that
-- updates the given columns and reads back the inventory with its attributes.
-- Run by bench/run.sh as: pgbench -n -M prepared -c C -j T -T S -D rows=N -f bench/pgbench/<API>.sql
-- The session check is not here: a replica trusts a session it has read for 2 s (zstack.session.cache-ttl), so
-- under load it reads the session row about once every 2 s, not once a request.
\set n random(1, :rows)
\set d random(1, 1000000000)
WITH v AS (UPDATE iam2_virtual_id SET name = COALESCE(NULL::varchar, name),
             description = COALESCE('d-' || :d::text, description),
             password_hash = COALESCE(NULL::varchar, password_hash), last_op_date = now()
            WHERE uuid = '5' || lpad(to_hex(:n::int), 31, '0')
        RETURNING uuid, name, description, state, type, create_date, last_op_date)
SELECT v.*, a.uuid AS a_uuid, a.name AS a_name, a.value AS a_value, a.type AS a_type,
       a.create_date AS a_create_date, a.last_op_date AS a_last_op_date
  FROM v LEFT JOIN iam2_virtual_id_attribute a ON a.virtual_id_uuid = v.uuid
 ORDER BY a.create_date, a.uuid;
