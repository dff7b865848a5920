package org.zstack.cp.job;

enum JobState { Running, Succeeded, Failed }
