#!/usr/bin/env bash
# Benchmarks five update APIs of the service end to end (wrk against the packaged jar, PostgreSQL in a container,
# a stub agent), compares each with pgbench running the same SQL and with the stub agent's own ceiling, measures the
# async ones also the SDK's way (an API job: submit with X-Job-UUID, then poll; bench/JobLoad.java), times the
# start-up with JDK 17 (plain and AppCDS) and JDK 25 (Leyden AOT cache), and writes a CSV, a summary CSV and a
# Markdown table to bench/results/.
#
#   source ../shared/ci/testcontainers-env.sh && bench/run.sh [options]
#
# This file parses the options and then sources the stages in bench/stages/ in order (see bench/README.md for what
# each does and what each figure means). Options:
#   --rows N              rows of each kind to seed (default 1000)
#   --duration D          measured run of wrk and pgbench, e.g. 20s, 2m (default 20s)
#   --warmup D            wrk warm-up before each measured run, results discarded (default 10s; 0 skips it)
#   --connections N       wrk connections and pgbench clients (default 32)
#   --connections-high N  connections of the extra wrk run after each measured run (default 256; 0 skips it)
#   --threads N           wrk threads and pgbench jobs (default 2)
#   --startups N          starts of each kind for the start-up medians: JDK 17, JDK 17 + AppCDS, JDK 25 + AOT
#                         cache trained under load, JDK 25 + AOT cache trained at build time (default 5; 0 skips all)
#   --only API            run one API (UpdateTpm, UpdateIAM2VirtualID, UpdateGuestToolsState, ChangeVmPassword,
#                         UpdateImageStoreBackupStorage)
#   --skip-build          use the jars as they are
#   --app-dir DIR         where quarkus-run.jar is (default target/quarkus-app)
#   --aot-app-dir DIR     where the aot-jar packaging's quarkus-run.jar is (default target/quarkus-app-aot, built
#                         beside the fast-jar when --app-dir is the default)
#   --java25 PATH         the JDK 25 java for the AOT cache (default /usr/lib/jvm/temurin-25-jdk-amd64/bin/java;
#                         missing: the AOT figures are n/a)
#   --no-pgbench          skip the pgbench runs
#   --no-sdk              skip the SDK-way (API job) runs of the async APIs
#   --keep                leave PostgreSQL, the stub and (with --startups 0) the app running at the end
# Environment: TC_PG_IMAGE (default postgres:17), PGBENCH_EXTRA_ARGS (added to every pgbench; default "-M prepared",
#   the protocol the service uses),
#   JAVA_OPTS (the app's JVM options, for every JVM; default in bench/app-jvm.sh: a heap sized for the service rather
#   than for the machine, and native memory given back every 5 s), MALLOC_ARENA_MAX (glibc malloc arenas for the
#   app; default 2),
#   BENCH_EXIT_TIMEOUT_S (how long a training run may take to write its archive or cache at exit; default 120).
set -euo pipefail
# shellcheck source=bench/app-jvm.sh
source "$(dirname "${BASH_SOURCE[0]}")/app-jvm.sh"
PGBENCH_EXTRA_ARGS="${PGBENCH_EXTRA_ARGS--M prepared}"
EXIT_TIMEOUT_S="${BENCH_EXIT_TIMEOUT_S:-120}"

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"
WORK="$BENCH_DIR/work"
RESULTS="$BENCH_DIR/results"
ALL_APIS=(UpdateTpm UpdateIAM2VirtualID UpdateGuestToolsState ChangeVmPassword UpdateImageStoreBackupStorage)
# the APIs that ZStack runs as API jobs (UpdateGuestToolsState is synchronous there, with or without X-Job-UUID)
ASYNC_APIS=" UpdateTpm UpdateIAM2VirtualID ChangeVmPassword UpdateImageStoreBackupStorage "
# the APIs that call the agent: their ceiling combines pgbench's tps with the stub agent's req/s
AGENT_APIS=" ChangeVmPassword UpdateGuestToolsState "
CONTAINER=zstack-bench-pg
ADMIN_PASSWORD=bench-admin

ROWS=1000
DURATION=20s
WARMUP=10s
CONNECTIONS=32
CONNECTIONS_HIGH=256
THREADS=2
STARTUPS=5
ONLY=""
SKIP_BUILD=false
APP_DIR=""
AOT_APP_DIR=""
JAVA25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
RUN_PGBENCH=true
RUN_SDK=true
KEEP=false

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) ROWS="${2:?--rows needs a value}"; shift 2 ;;
    --duration) DURATION="${2:?--duration needs a value}"; shift 2 ;;
    --warmup) WARMUP="${2:?--warmup needs a value}"; shift 2 ;;
    --connections) CONNECTIONS="${2:?--connections needs a value}"; shift 2 ;;
    --connections-high) CONNECTIONS_HIGH="${2:?--connections-high needs a value}"; shift 2 ;;
    --threads) THREADS="${2:?--threads needs a value}"; shift 2 ;;
    --startups) STARTUPS="${2:?--startups needs a value}"; shift 2 ;;
    --only) ONLY="${2:?--only needs an API name}"; shift 2 ;;
    --skip-build) SKIP_BUILD=true; shift ;;
    --app-dir) APP_DIR="${2:?--app-dir needs a directory}"; shift 2 ;;
    --aot-app-dir) AOT_APP_DIR="${2:?--aot-app-dir needs a directory}"; shift 2 ;;
    --java25) JAVA25="${2:?--java25 needs a path}"; shift 2 ;;
    --no-pgbench) RUN_PGBENCH=false; shift ;;
    --no-sdk) RUN_SDK=false; shift ;;
    --keep) KEEP=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; echo "bench: error: unknown option: $1" >&2; exit 1 ;;
  esac
done

for stage in "$BENCH_DIR"/stages/[0-9][0-9]-*.sh; do
  # shellcheck source=/dev/null
  source "$stage"
done
