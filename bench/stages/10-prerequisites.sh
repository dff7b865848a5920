# Checks (and installs with apt-get, as root) what the run needs, finds Temurin 25, and makes the scratch directories.
# Leaves: PSQL, PGBENCH, JAVA_VERSION, JAVA25 (empty if not usable), JAVA25_VERSION, RUN (bench/work/run).

need_root_install() { # package, what
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing $1 ($2 is missing)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$1" >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$1" >/dev/null; } \
      || die "could not install $1"
  else
    die "$2 is missing: install the Debian package $1"
  fi
}
find_pg_tool() { # name -> path
  local p
  if p=$(command -v "$1" 2>/dev/null) && "$p" --version >/dev/null 2>&1; then echo "$p"; return 0; fi
  for p in /usr/lib/postgresql/*/bin/"$1"; do [ -x "$p" ] && { echo "$p"; return 0; }; done
  return 1
}
java_major() { "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}'; }

command -v docker >/dev/null || die "docker is missing: run 'source ../shared/ci/testcontainers-env.sh' first"
docker version >/dev/null 2>&1 || die "docker does not answer: run 'source ../shared/ci/testcontainers-env.sh' first (it starts dockerd)"
docker image inspect "$PG_IMAGE" >/dev/null 2>&1 \
  || die "the image $PG_IMAGE is not here (no registry is reachable): 'source ../shared/ci/testcontainers-env.sh' builds it"
command -v wrk >/dev/null || need_root_install wrk wrk
command -v curl >/dev/null || need_root_install curl curl
PSQL=$(find_pg_tool psql) || { need_root_install postgresql-client psql; PSQL=$(find_pg_tool psql) || die "psql not found"; }
PGBENCH=$(find_pg_tool pgbench) || { need_root_install postgresql-client pgbench; PGBENCH=$(find_pg_tool pgbench) || die "pgbench not found"; }
command -v java >/dev/null || die "java is missing (JDK 17 or newer)"
command -v javac >/dev/null || die "javac is missing (a JDK 17 or newer, not only a JRE)"
JAVA_MAJOR=$(java_major java)
[ "${JAVA_MAJOR:-0}" -ge 17 ] 2>/dev/null || die "java 17 or newer is needed (found ${JAVA_MAJOR:-unknown})"
JAVA_VERSION=$(java -version 2>&1 | head -1 | tr -d '",')
command -v sha512sum >/dev/null || die "sha512sum is missing (coreutils)"
command -v ss >/dev/null || need_root_install iproute2 ss

# the AOT cache's -XX:AOTCacheOutput (one-step training) needs JDK 25 (JEP 514)
JAVA25_VERSION=n/a
if [ "$STARTUPS" -gt 0 ]; then
  if [ -x "$JAVA25" ] && [ "$(java_major "$JAVA25" 2>/dev/null || echo 0)" -ge 25 ] 2>/dev/null; then
    JAVA25_VERSION=$("$JAVA25" -version 2>&1 | head -1 | tr -d '",')
    log "JDK 25 for the AOT cache: $JAVA25 ($JAVA25_VERSION)"
  else
    log "WARNING: no JDK 25 at $JAVA25 (--java25 PATH): the AOT cache start-ups are skipped (n/a)"
    JAVA25=""
  fi
else
  JAVA25=""
fi

mkdir -p "$WORK" "$RESULTS"
rm -rf "$WORK/run" && mkdir -p "$WORK/run" "$WORK/sql"
RUN="$WORK/run"
