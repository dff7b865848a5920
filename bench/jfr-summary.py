#!/usr/bin/env python3
"""Summarizes a JFR recording's CPU samples: the hottest methods (self time) and where the time goes by library
(inclusive: a sample counts for every library on its stack).

    JAVA_OPTS="-XX:StartFlightRecording=filename=bench/work/app.jfr,settings=profile" bench/run.sh --only API ...
    python3 bench/jfr-summary.py bench/work/app.jfr
"""
import collections
import re
import subprocess
import sys

GROUPS = [("org.zstack.", "service code"), ("org.hibernate.", "Hibernate (ORM and Reactive)"),
          ("io.vertx.pgclient", "Vert.x PostgreSQL client"), ("io.vertx.sqlclient", "Vert.x SQL client"),
          ("com.fasterxml.jackson", "Jackson"), ("org.jboss.resteasy.reactive", "Quarkus REST"),
          ("io.quarkus.", "Quarkus"), ("io.smallrye.mutiny", "Mutiny"), ("io.netty.", "Netty"),
          ("io.vertx.", "Vert.x core"), ("io.micrometer", "Micrometer"), ("org.bouncycastle", "BouncyCastle"),
          ("javax.crypto", "JCA crypto"), ("java.", "JDK"), ("jdk.", "JDK"), ("sun.", "JDK")]


def group_of(frame):
    for prefix, name in GROUPS:
        if frame.startswith(prefix):
            return name
    return "other"


def main(path):
    out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "64", path],
                         capture_output=True, text=True, check=True).stdout
    self_time = collections.Counter()
    inclusive = collections.Counter()
    samples = 0
    for event in out.split("jdk.ExecutionSample")[1:]:
        frames = re.findall(r"^\s+([\w.$<>]+\([^)]*\))", event, re.M)
        if not frames:
            continue
        samples += 1
        self_time[frames[0]] += 1
        for group in {group_of(f) for f in frames}:
            inclusive[group] += 1
    print(f"{samples} CPU samples\n\nWhere the time goes (inclusive, % of samples):")
    for group, n in inclusive.most_common():
        print(f"  {100.0 * n / samples:5.1f}%  {group}")
    print("\nHottest methods (self time):")
    for frame, n in self_time.most_common(25):
        print(f"  {100.0 * n / samples:5.1f}%  {frame}")


if __name__ == "__main__":
    main(sys.argv[1])
