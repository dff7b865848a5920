-- The row of an API job whose operation calls an agent: recorded Running before the call, as
-- ApiJobRepository.insertRunning issues it. bench/stages/80-load.sh runs this; <API>.sql; job-finish.sql.
\set job random(1, 9223372036854775806)
INSERT INTO api_job (uuid, account_uuid, request_hash, request_line, state, web_hook, with_schema, deadline_at)
VALUES (lpad(to_hex(:job::bigint), 32, '0'), 'a0000000000000000000000000000001', '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881',
        'PUT /zstack/v1/vm-instances/{uuid}/actions', 'Running', NULL, true,
        clock_timestamp() + 300000 * interval '1 millisecond')
ON CONFLICT (uuid) DO NOTHING;
