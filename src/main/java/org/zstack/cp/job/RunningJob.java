package org.zstack.cp.job;

/** What a replica knows of a job it runs: whose it is, and how its end is to be written and told. */
record RunningJob(String uuid, String accountUuid, boolean withSchema, String webHook) {
}
