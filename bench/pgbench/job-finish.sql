-- The end of a job recorded Running (job-running.sql), in its own transaction, as ApiJobRepository.finish issues it.
BEGIN;
UPDATE api_job SET state = 'Succeeded', result_status = 200, result_body = '{}',
       finished_at = clock_timestamp()
 WHERE uuid = lpad(to_hex(:job::bigint), 32, '0') AND state = 'Running' AND deadline_at > clock_timestamp();
COMMIT;
