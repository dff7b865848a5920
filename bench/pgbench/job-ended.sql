-- The row of an API job whose operation only writes to the database: inserted ended, with its result (a 372-byte
-- body, the size of UpdateTpm's), in the transaction of the operation's rows, as ApiJobRepository.insertEnded
-- issues it. bench/stages/80-load.sh runs it as BEGIN; <API>.sql; this; COMMIT (see job_pgbench_script).
\set job random(1, 9223372036854775806)
INSERT INTO api_job (uuid, account_uuid, request_hash, request_line, state, web_hook, with_schema, deadline_at,
                     result_status, result_body, finished_at)
VALUES (lpad(to_hex(:job::bigint), 32, '0'), 'a0000000000000000000000000000001', '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881', 'PUT /zstack/v1/tpms',
        'Succeeded', NULL, true, clock_timestamp() + interval '5 minutes', 200,
        '{"inventory":{"uuid":"300000000000000000000000000003e8","name":"TPM-for-VM-200000000000000000000000000003e8","vmInstanceUuid":"200000000000000000000000000003e8","keyProviderUuid":"40000000000000000000000000000004","createDate":"Dec 3, 2026 7:35:34 AM","lastOpDate":"Dec 3, 2026 7:37:06 AM","hostRefs":[]},"schema":{"inventory":"org.zstack.header.tpm.entity.TpmInventory"}}', clock_timestamp())
ON CONFLICT (uuid) DO NOTHING;
