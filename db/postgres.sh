#!/usr/bin/env bash
# Project-local PostgreSQL + pgvector clusters for Docent, one per profile (no Docker, no system cluster).
#
#   db/postgres.sh install [PROFILE]       server binaries and pgvector (builds pgvector from Debian's source if needed)
#   db/postgres.sh start   [PROFILE]       install, initdb if needed, start, create role/database/extension
#   db/postgres.sh stop    [PROFILE]       fast shutdown (harmless when stopped)
#   db/postgres.sh status  [PROFILE]       running/stopped and the JDBC URL (always exits 0)
#   db/postgres.sh psql    [PROFILE] [ARGS...]   psql as the app role over TCP (ARGS go to psql)
#   db/postgres.sh reset   test            drop and recreate the test database (make test starts from empty)
#   db/postgres.sh replica start|stop|pause|resume|status [PROFILE]
#                                          a hot-standby streaming replica of the running cluster, on its own port
#                                          (DOCENT_REPLICA_PG_PORT 55434 / DOCENT_TEST_REPLICA_PG_PORT 55435): start makes
#                                          it afresh (pg_basebackup -R), stop stops it and deletes its data; pause and
#                                          resume WAL replay (a lag as long as a test needs); ReplicaReadsTest uses it
#
# PROFILE is run (default) or test; each has its own port and data folder (see scripts/lib.sh).
# Environment: DOCENT_DB_USER, DOCENT_DB_PASSWORD, DOCENT_DB_NAME (default docent/docent/docent);
# DOCENT_PG_HOST_AUTH: pg_hba method for TCP connections at initdb (default scram-sha-256; the Unix
# socket is always 'trust', used for provisioning as the postgres superuser);
# DOCENT_DEBIAN_MIRROR: Debian mirror for pgvector's source package (default: read from apt's sources).
# DOCENT_PG_TLS=1: the run cluster accepts TLS too (the test cluster always does), with a certificate for localhost
# signed by a CA made for the profile; clients trust .local/PROFILE/pgtls/root.crt (sslmode=verify-full).
# When run as root, the server runs as the 'postgres' OS user (PostgreSQL refuses to run as root).
set -euo pipefail
# shellcheck source=SCRIPTDIR/../scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

DB_USER="${DOCENT_DB_USER:-docent}"
DB_PASSWORD="${DOCENT_DB_PASSWORD:-docent}"
DB_NAME="${DOCENT_DB_NAME:-docent}"
HOST_AUTH="${DOCENT_PG_HOST_AUTH:-scram-sha-256}"
if [ -z "$DB_USER" ] || [ -z "$DB_NAME" ]; then die "DOCENT_DB_USER and DOCENT_DB_NAME must not be empty"; fi
[ "$DB_USER" != postgres ] || die "DOCENT_DB_USER must not be 'postgres' (the app role must not be a superuser)"

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }

# ---------------------------------------------------------------------------------------------------------
# Binaries and pgvector

# Newest installed server version (a /usr/lib/postgresql/NN/bin with postgres and initdb), or empty.
newest_pg_server() {
  local d v best=""
  for d in /usr/lib/postgresql/*/bin/postgres; do
    if [ ! -x "$d" ] || [ ! -x "${d%/postgres}/initdb" ]; then continue; fi
    v="${d#/usr/lib/postgresql/}"; v="${v%%/*}"
    [[ "$v" =~ ^[0-9]+$ ]] || continue
    if [ -z "$best" ] || [ "$v" -gt "$best" ]; then best="$v"; fi
  done
  printf '%s' "$best"
}

# Sets PG_VERSION_NN and PG_BIN: the version of an existing cluster at $PG_DATA, else the newest server.
# Returns 1 when no suitable server is installed.
pick_server() {
  local v=""
  if [ -r "$PG_DATA/PG_VERSION" ]; then
    v="$(cat "$PG_DATA/PG_VERSION")"
    [ -x "/usr/lib/postgresql/$v/bin/postgres" ] \
      || die "the cluster at $PG_DATA was created by PostgreSQL $v, whose server is not installed (apt-get install postgresql-$v)"
  else
    v="$(newest_pg_server)"
  fi
  [ -n "$v" ] || return 1
  PG_VERSION_NN="$v"
  PG_BIN="/usr/lib/postgresql/$v/bin"
}

apt_candidate() {
  local c
  c="$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2}')" || true
  [ -n "$c" ] && [ "$c" != "(none)" ]
}

# The URI of the Debian mirror the system's apt sources use for the release's own suite.
debian_mirror() {
  if [ -n "${DOCENT_DEBIAN_MIRROR:-}" ]; then printf '%s' "${DOCENT_DEBIAN_MIRROR%/}"; return; fi
  local codename="" f uri=""
  # shellcheck disable=SC1091
  codename="$(. /etc/os-release 2>/dev/null && printf '%s' "${VERSION_CODENAME:-}")"
  [ -n "$codename" ] || die "cannot tell the Debian release (no VERSION_CODENAME in /etc/os-release); set DOCENT_DEBIAN_MIRROR (e.g. http://deb.debian.org/debian)"
  for f in /etc/apt/sources.list.d/*.sources; do    # deb822 format
    [ -f "$f" ] || continue
    uri="$(awk -v cn="$codename" '
      BEGIN { RS = ""; FS = "\n" }
      {
        types = ""; uris = ""; suites = ""; enabled = "yes"
        for (i = 1; i <= NF; i++) {
          line = $i
          if (line ~ /^[ \t]*#/) continue
          if (match(line, /^[A-Za-z-]+:/)) {
            key = tolower(substr(line, 1, RLENGTH - 1)); val = substr(line, RLENGTH + 1)
            gsub(/^[ \t]+|[ \t]+$/, "", val)
            if (key == "types") types = val; else if (key == "uris") uris = val
            else if (key == "suites") suites = val; else if (key == "enabled") enabled = tolower(val)
          }
        }
        if (enabled == "no" || (" " types " ") !~ / deb / || (" " suites " ") !~ (" " cn " ")) next
        split(uris, u, /[ \t]+/); print u[1]; exit
      }' "$f")"
    [ -n "$uri" ] && break
  done
  if [ -z "$uri" ]; then                             # one-line format
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
      [ -f "$f" ] || continue
      uri="$(awk -v cn="$codename" '
        $1 == "deb" {
          i = 2
          if ($i ~ /^\[/) { while (i < NF && $i !~ /\]$/) i++; i++ }
          if ($(i + 1) == cn) { print $i; exit }
        }' "$f")"
      [ -n "$uri" ] && break
    done
  fi
  [ -n "$uri" ] || die "found no apt source for suite '$codename' in /etc/apt/sources.list{,.d/}; set DOCENT_DEBIAN_MIRROR (e.g. http://deb.debian.org/debian)"
  printf '%s' "${uri%/}"
}

# Builds pgvector from Debian trixie's source package (a private apt configuration; the system's is untouched).
build_pgvector() {
  local nn="$1" pgc="/usr/lib/postgresql/$1/bin/pg_config"
  local b="$DOCENT_LOCAL/build/pgvector" mirror keyring="" t0=$SECONDS
  if ! command -v make >/dev/null 2>&1 || ! command -v cc >/dev/null 2>&1; then
    die "building pgvector needs make and a C compiler: run scripts/install-packages.sh (installs build-essential)"
  fi
  if [ ! -x "$pgc" ] || [ ! -f "$("$pgc" --includedir-server)/postgres.h" ]; then
    die "building pgvector needs postgresql-server-dev-$nn: run scripts/install-packages.sh"
  fi
  mirror="$(debian_mirror)"
  [ -f /usr/share/keyrings/debian-archive-keyring.gpg ] && keyring="[signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] "
  mkdir -p "$b/lists/partial" "$b/cache/archives/partial"
  printf 'deb-src %s%s trixie main\n' "$keyring" "$mirror" >"$b/sources.list"
  local apt=(apt-get -q
    -o "Dir::Etc::SourceList=$b/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$b/lists" -o "Dir::Cache=$b/cache"
    -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= -o Acquire::Languages=none)
  say "Building pgvector for PostgreSQL $nn from Debian trixie's source package ($mirror)"
  "${apt[@]}" update >"$b/apt-update.log" 2>&1 \
    || { tail -n 20 "$b/apt-update.log" >&2; die "apt-get update with the private trixie deb-src source failed (log: $b/apt-update.log)"; }
  rm -rf "$b/src"; mkdir -p "$b/src"
  (cd "$b/src" && "${apt[@]}" source --download-only pgvector) >"$b/apt-source.log" 2>&1 \
    || { tail -n 20 "$b/apt-source.log" >&2; die "apt-get source pgvector failed (log: $b/apt-source.log)"; }
  local orig dir
  orig="$(find "$b/src" -maxdepth 1 -name 'pgvector_*.orig.tar.*' | head -n 1)"
  [ -n "$orig" ] || die "no pgvector .orig tarball in $b/src (see $b/apt-source.log)"
  mkdir -p "$b/src/unpacked"
  tar -xf "$orig" -C "$b/src/unpacked"
  dir="$(find "$b/src/unpacked" -mindepth 1 -maxdepth 1 -type d | head -n 1)"
  [ -f "$dir/Makefile" ] || die "unexpected layout in $orig (no pgvector Makefile)"
  say "Compiling $(basename "$orig") (log: $b/build.log)"
  # OPTFLAGS= : no -march=native (as Debian builds it), so the library also runs on another CPU model.
  # lib.sh names its profile DOCENT_PROFILE: PGXS reads a variable called PROFILE into CFLAGS.
  make -C "$dir" -j"$(nproc)" PG_CONFIG="$pgc" OPTFLAGS= >"$b/build.log" 2>&1 \
    || { tail -n 30 "$b/build.log" >&2; die "pgvector build failed (log: $b/build.log)"; }
  as_root make -C "$dir" install PG_CONFIG="$pgc" OPTFLAGS= >>"$b/build.log" 2>&1 \
    || { tail -n 30 "$b/build.log" >&2; die "pgvector make install failed (log: $b/build.log)"; }
  say "pgvector installed for PostgreSQL $nn in $((SECONDS - t0)) s"
}

cmd_install() {
  if ! pick_server; then
    say "No PostgreSQL server found: installing OS packages"
    "$DOCENT_ROOT/scripts/install-packages.sh"
    pick_server || die "no PostgreSQL server under /usr/lib/postgresql/*/bin even after scripts/install-packages.sh"
  fi
  local nn="$PG_VERSION_NN" sharedir="/usr/share/postgresql/$PG_VERSION_NN"
  [ -x "$PG_BIN/pg_config" ] && sharedir="$("$PG_BIN/pg_config" --sharedir)"
  [ -f "$sharedir/extension/vector.control" ] && return 0

  if apt_candidate "postgresql-$nn-pgvector"; then
    say "Installing the distribution's pgvector package postgresql-$nn-pgvector"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "postgresql-$nn-pgvector" \
      || die "apt-get install postgresql-$nn-pgvector failed"
  else
    "$DOCENT_ROOT/scripts/install-packages.sh"   # server headers and build-essential
    if apt_candidate "postgresql-$nn-pgvector"; then   # its apt-get update may have revealed a package
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "postgresql-$nn-pgvector" \
        || die "apt-get install postgresql-$nn-pgvector failed"
    else
      build_pgvector "$nn"
    fi
  fi
  [ -x "$PG_BIN/pg_config" ] && sharedir="$("$PG_BIN/pg_config" --sharedir)"
  [ -f "$sharedir/extension/vector.control" ] || die "pgvector is still missing ($sharedir/extension/vector.control)"
}

# ---------------------------------------------------------------------------------------------------------
# Cluster

# The OS user that owns and runs the cluster: 'postgres' when we are root, else ourselves.
if [ "$(id -u)" -eq 0 ]; then PG_OS_USER=postgres; else PG_OS_USER="$(id -un)"; fi

# Runs a PostgreSQL server tool as $PG_OS_USER (from /, so a private current folder does not matter).
pg_run() {
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u "$PG_OS_USER" -- "$@")
  else "$@"; fi
}

# 0 when the cluster at $PG_DATA runs.
is_running() {
  [ -f "$PG_DATA/PG_VERSION" ] || return 1
  [ -n "${PG_BIN:-}" ] || pick_server || return 1
  pg_run "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

running_port() { sed -n 4p "$PG_DATA/postmaster.pid" 2>/dev/null || true; }

superuser_psql() {
  PGOPTIONS='-c client_min_messages=warning' \
    "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U postgres "$@"
}

docent_conf() {
  cat <<EOF
# Written by db/postgres.sh at every start: edit the script, not this file (restart to apply).
# Sized for a 2-core, 24 GiB development machine that may run both the run and test clusters.
max_connections = 100
shared_buffers = 512MB
effective_cache_size = 4GB
work_mem = 16MB
maintenance_work_mem = 1GB
max_parallel_maintenance_workers = 2
max_parallel_workers_per_gather = 2
max_wal_size = 2GB
random_page_cost = 1.1
EOF
  if pg_tls_wanted; then
    cat <<EOF
# TLS for clients that ask for it (sslmode=require/verify-full); connections without TLS are still accepted.
# server.crt and server.key are in the data folder, signed by the CA in $DOCENT_LOCAL/$DOCENT_PROFILE/pgtls/root.crt
ssl = on
EOF
  fi
  if [ "$DOCENT_PROFILE" = test ]; then
    cat <<EOF
# test profile: throw-away data, so trade crash safety for speed
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
  fi
}

check_paths() {
  local sock="$PG_SOCKET_DIR/.s.PGSQL.$PG_PORT"
  [ "${#sock}" -lt 100 ] \
    || die "the socket path $sock is too long for a Unix socket (${#sock} > 99 characters): set DOCENT_LOCAL to a shorter folder"
  [ "$(id -u)" -eq 0 ] || return 0
  id -u postgres >/dev/null 2>&1 \
    || die "running as root needs the 'postgres' OS user (created by the postgresql package) to run the server"
  if ! runuser -u postgres -- test -x "$(dirname "$PG_DATA")"; then
    die "the 'postgres' OS user cannot reach $(dirname "$PG_DATA") (a parent folder is not searchable by others, \
e.g. /root is mode 700). PostgreSQL cannot run as root, so either run this as a normal user, \
or put the local data elsewhere, e.g. 'export DOCENT_LOCAL=/var/tmp/docent' (all scripts read it), \
or make the parents searchable (chmod o+x on each)."
  fi
}

init_cluster() {
  if [ -e "$PG_DATA" ] && [ -n "$(ls -A "$PG_DATA" 2>/dev/null)" ]; then
    die "$PG_DATA exists but holds no PostgreSQL cluster (no PG_VERSION): move it away or empty it"
  fi
  say "Creating the $DOCENT_PROFILE cluster (PostgreSQL $PG_VERSION_NN) in $PG_DATA"
  if [ "$(id -u)" -eq 0 ]; then
    install -d -o postgres -g postgres -m 700 "$PG_DATA"
  else
    mkdir -p "$PG_DATA"; chmod 700 "$PG_DATA"
  fi
  pg_run "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth-local=trust --auth-host="$HOST_AUTH" \
    --encoding=UTF8 --locale=C.UTF-8 >"$LOG_DIR/initdb.log" 2>&1 \
    || { tail -n 20 "$LOG_DIR/initdb.log" >&2; die "initdb failed (log: $LOG_DIR/initdb.log)"; }
  printf "\n# Docent settings (db/postgres.sh)\ninclude_if_exists = 'docent.conf'\n" \
    | pg_run tee -a "$PG_DATA/postgresql.conf" >/dev/null
}

# TLS: always for the test cluster (TlsConnectionTest connects with sslmode=verify-full), on request for run.
pg_tls_wanted() { [ "$DOCENT_PROFILE" = test ] || [ "${DOCENT_PG_TLS:-}" = 1 ]; }

# A CA made once per profile (its key is thrown away once it has signed) and a certificate for localhost in the data
# folder, where the server reads server.crt and server.key by default; clients trust pgtls/root.crt.
ensure_tls_files() {
  pg_tls_wanted || return 0
  local dir="$DOCENT_LOCAL/$DOCENT_PROFILE/pgtls"
  if [ -f "$dir/root.crt" ] && [ -f "$PG_DATA/server.crt" ] && [ -f "$PG_DATA/server.key" ]; then return 0; fi
  command -v openssl >/dev/null 2>&1 || die "TLS for PostgreSQL needs openssl (apt-get install openssl)"
  say "Making a CA and a certificate for localhost for PostgreSQL ($DOCENT_PROFILE): clients trust $dir/root.crt"
  mkdir -p "$dir"
  local tmp; tmp="$(mktemp -d)"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Docent $DOCENT_PROFILE PostgreSQL CA" \
      -keyout "$tmp/ca.key" -out "$tmp/root.crt" 2>"$tmp/log" \
    && openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$tmp/server.key" -out "$tmp/server.csr" \
      2>>"$tmp/log" \
    && printf 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\n' >"$tmp/ext" \
    && openssl x509 -req -in "$tmp/server.csr" -CA "$tmp/root.crt" -CAkey "$tmp/ca.key" \
      -set_serial "0x$(openssl rand -hex 8)" -days 3650 -extfile "$tmp/ext" -out "$tmp/server.crt" 2>>"$tmp/log" \
    || { cat "$tmp/log" >&2; rm -rf "$tmp"; die "openssl could not make the PostgreSQL certificates"; }
  # The server refuses a key others can read; it must belong to the server's OS user.
  pg_run tee "$PG_DATA/server.crt" <"$tmp/server.crt" >/dev/null
  pg_run tee "$PG_DATA/server.key" <"$tmp/server.key" >/dev/null
  pg_run chmod 600 "$PG_DATA/server.key"
  cp "$tmp/root.crt" "$dir/root.crt"
  chmod 644 "$dir/root.crt"
  rm -rf "$tmp"
}

write_conf() {   # returns 0 when docent.conf changed
  local want
  want="$(docent_conf)"
  [ "$(cat "$PG_DATA/docent.conf" 2>/dev/null || true)" = "$want" ] && return 1
  printf '%s\n' "$want" | pg_run tee "$PG_DATA/docent.conf" >/dev/null
}

provision() {
  superuser_psql -d postgres -v user="$DB_USER" -v pw="$DB_PASSWORD" -v db="$DB_NAME" <<'SQL'
SELECT format('CREATE ROLE %I', :'user') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'user') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN NOSUPERUSER NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD %L', :'user', :'pw') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'user') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL
  # pgvector's control file is not 'trusted': only a superuser can create it, so do it here, before Flyway.
  superuser_psql -d "$DB_NAME" -c 'CREATE EXTENSION IF NOT EXISTS vector'
}

cmd_reset() {
  [ "$DOCENT_PROFILE" = test ] || die "reset only empties the test database; drop the run database by hand if you mean it"
  is_running || die "PostgreSQL (test) is not running: db/postgres.sh start test"
  say "Emptying the test database"
  superuser_psql -d postgres -v db="$DB_NAME" <<'SQL'
SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE)', :'db') \gexec
SQL
  provision
}

cmd_start() {
  cmd_install
  check_paths
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    init_cluster
  elif [ "$(id -u)" -eq 0 ]; then
    PG_OS_USER="$(stat -c %U "$PG_DATA")"
    [ "$PG_OS_USER" != root ] || die "$PG_DATA is owned by root; PostgreSQL cannot run as root (chown -R postgres: $PG_DATA)"
  elif [ "$(stat -c %u "$PG_DATA")" != "$(id -u)" ]; then
    die "$PG_DATA belongs to $(stat -c %U "$PG_DATA"): run this as root or as that user"
  fi

  local changed=0
  ensure_tls_files
  write_conf && changed=1
  if is_running; then
    local port; port="$(running_port)"
    [ "$port" = "$PG_PORT" ] \
      || die "the $DOCENT_PROFILE cluster already runs on port $port, not $PG_PORT: 'db/postgres.sh stop $DOCENT_PROFILE' first"
    say "PostgreSQL ($DOCENT_PROFILE) already running on port $PG_PORT"
    [ "$changed" -eq 0 ] || say "docent.conf changed: stop and start the $DOCENT_PROFILE cluster to apply it"
  else
    if "$PG_BIN/pg_isready" -q -h localhost -p "$PG_PORT" >/dev/null 2>&1; then
      die "another PostgreSQL server already listens on localhost:$PG_PORT: stop it or choose another port (DOCENT_PG_PORT / DOCENT_TEST_PG_PORT)"
    fi
    if [ "$(id -u)" -eq 0 ]; then
      install -d -o "$PG_OS_USER" -m 755 "$PG_SOCKET_DIR"
      [ -e "$LOG_DIR/postgres.log" ] || install -o "$PG_OS_USER" -m 640 /dev/null "$LOG_DIR/postgres.log"
      chown "$PG_OS_USER" "$LOG_DIR/postgres.log"
    else
      mkdir -p "$PG_SOCKET_DIR"
    fi
    say "Starting PostgreSQL $PG_VERSION_NN ($DOCENT_PROFILE) on localhost:$PG_PORT"
    pg_run "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$LOG_DIR/postgres.log" -w -t 60 \
      -o "-p $PG_PORT -k '$PG_SOCKET_DIR' -c listen_addresses=localhost" start >/dev/null \
      || { tail -n 30 "$LOG_DIR/postgres.log" >&2; die "PostgreSQL did not start (log: $LOG_DIR/postgres.log)"; }
  fi
  provision
  say "PostgreSQL ($DOCENT_PROFILE) ready: jdbc:postgresql://localhost:$PG_PORT/$DB_NAME (user $DB_USER)"
}

cmd_stop() {
  if ! [ -f "$PG_DATA/PG_VERSION" ]; then say "No $DOCENT_PROFILE cluster at $PG_DATA"; return 0; fi
  pick_server || die "no PostgreSQL server installed"
  [ "$(id -u)" -ne 0 ] || PG_OS_USER="$(stat -c %U "$PG_DATA")"
  replica_stop   # a replica without its primary only logs connection failures
  if is_running; then
    say "Stopping PostgreSQL ($DOCENT_PROFILE, port $(running_port))"
    pg_run "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null \
      || die "pg_ctl stop failed (log: $LOG_DIR/postgres.log)"
  else
    say "PostgreSQL ($DOCENT_PROFILE) is not running"
  fi
}

cmd_status() {
  local state=stopped
  if [ -f "$PG_DATA/PG_VERSION" ] && pick_server; then
    [ "$(id -u)" -ne 0 ] || PG_OS_USER="$(stat -c %U "$PG_DATA")"
    if is_running; then state="running (port $(running_port), pid $(sed -n 1p "$PG_DATA/postmaster.pid"))"; fi
  elif [ ! -e "$PG_DATA" ]; then
    state="stopped (no cluster yet: db/postgres.sh start $DOCENT_PROFILE)"
  fi
  echo "PostgreSQL ($DOCENT_PROFILE): $state"
  echo "data: $PG_DATA"
  echo "jdbc: jdbc:postgresql://localhost:$PG_PORT/$DB_NAME (user $DB_USER)"
}

cmd_psql() {
  [ -f "$PG_DATA/PG_VERSION" ] || die "no $DOCENT_PROFILE cluster yet: db/postgres.sh start $DOCENT_PROFILE"
  pick_server || die "no PostgreSQL server installed"
  [ "$(id -u)" -ne 0 ] || PG_OS_USER="$(stat -c %U "$PG_DATA")"
  is_running || die "PostgreSQL ($DOCENT_PROFILE) is not running: db/postgres.sh start $DOCENT_PROFILE"
  PGPASSWORD="$DB_PASSWORD" exec "$PG_BIN/psql" -h localhost -p "$PG_PORT" -U "$DB_USER" -d "$DB_NAME" "$@"
}


# ---------------------------------------------------------------------------------------------------------
# Streaming replica (read replicas: DOCENT_DB_READ_URL). A copy of the running cluster made by pg_basebackup -R over
# the Unix socket (pg_hba's 'local replication all trust' line from initdb), started as a hot standby on its own port.
# The primary needs nothing changed: PostgreSQL's defaults already are wal_level=replica and max_wal_senders=10.

replica_psql() {
  PGOPTIONS='-c client_min_messages=warning' \
    "$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h "$PG_SOCKET_DIR" -p "$REPLICA_PORT" -U postgres -d postgres "$@"
}

replica_running() {
  [ -f "$REPLICA_DATA/PG_VERSION" ] && pg_run "$PG_BIN/pg_ctl" -D "$REPLICA_DATA" status >/dev/null 2>&1
}

replica_stop() {
  if replica_running; then
    say "Stopping the $DOCENT_PROFILE replica (port $REPLICA_PORT)"
    pg_run "$PG_BIN/pg_ctl" -D "$REPLICA_DATA" -m fast -w -t 60 stop >/dev/null \
      || die "pg_ctl stop failed for the replica (log: $LOG_DIR/postgres-replica.log)"
  fi
  rm -rf "$REPLICA_DATA"
}

replica_start() {
  is_running || die "PostgreSQL ($DOCENT_PROFILE) is not running: db/postgres.sh start $DOCENT_PROFILE"
  [ "$REPLICA_PORT" != "$PG_PORT" ] || die "the replica's port must differ from the primary's ($PG_PORT)"
  local level senders
  level="$(superuser_psql -d postgres -A -t -c 'SHOW wal_level')"
  senders="$(superuser_psql -d postgres -A -t -c 'SHOW max_wal_senders')"
  if [ "$level" = minimal ] || [ "$senders" -lt 2 ]; then
    die "the $DOCENT_PROFILE cluster cannot feed a replica (wal_level=$level, max_wal_senders=$senders): it needs wal_level=replica and max_wal_senders >= 2"
  fi
  replica_stop
  if "$PG_BIN/pg_isready" -q -h localhost -p "$REPLICA_PORT" >/dev/null 2>&1; then
    die "another PostgreSQL server already listens on localhost:$REPLICA_PORT: choose another port (DOCENT_TEST_REPLICA_PG_PORT / DOCENT_REPLICA_PG_PORT)"
  fi
  if [ "$(id -u)" -eq 0 ]; then
    install -d -o "$PG_OS_USER" -g "$PG_OS_USER" -m 700 "$REPLICA_DATA"
  else
    mkdir -p "$REPLICA_DATA"; chmod 700 "$REPLICA_DATA"
  fi
  # A new replica, a new log: ReplicaReadsTest reads it for writes the replica refused.
  : >"$LOG_DIR/postgres-replica.log"
  [ "$(id -u)" -ne 0 ] || chown "$PG_OS_USER" "$LOG_DIR/postgres-replica.log"
  say "Copying the $DOCENT_PROFILE cluster into a replica (pg_basebackup -R) in $REPLICA_DATA"
  # -c fast: an immediate checkpoint, so the copy starts at once; -X stream: the WAL written meanwhile comes along.
  pg_run "$PG_BIN/pg_basebackup" -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U postgres -D "$REPLICA_DATA" -R -X stream \
      -c fast --no-sync >"$LOG_DIR/pg_basebackup.log" 2>&1 \
    || { tail -n 20 "$LOG_DIR/pg_basebackup.log" >&2; die "pg_basebackup failed (log: $LOG_DIR/pg_basebackup.log)"; }
  say "Starting the $DOCENT_PROFILE replica on localhost:$REPLICA_PORT (hot standby, streaming from port $PG_PORT)"
  # Smaller buffers than the primary (the machine holds both); hot_standby_feedback keeps the primary's vacuum from
  # removing rows a long search on the replica still reads (else: "canceling statement due to conflict with recovery").
  pg_run "$PG_BIN/pg_ctl" -D "$REPLICA_DATA" -l "$LOG_DIR/postgres-replica.log" -w -t 60 \
      -o "-p $REPLICA_PORT -k '$PG_SOCKET_DIR' -c listen_addresses=localhost -c shared_buffers=128MB -c hot_standby_feedback=on -c cluster_name=docent-replica" \
      start >/dev/null \
    || { tail -n 30 "$LOG_DIR/postgres-replica.log" >&2; die "the replica did not start (log: $LOG_DIR/postgres-replica.log)"; }
  local i
  for i in $(seq 1 60); do
    [ "$(replica_psql -c "SELECT count(*) FROM pg_stat_wal_receiver WHERE status = 'streaming'")" = 1 ] && break
    [ "$i" -lt 60 ] || die "the replica does not stream from the primary after 30 s (log: $LOG_DIR/postgres-replica.log)"
    sleep 0.5
  done
  say "Replica ($DOCENT_PROFILE) streaming: jdbc:postgresql://localhost:$REPLICA_PORT/$DB_NAME (read-only)"
}

cmd_replica() {
  local action="${1:-}"
  [ "$#" -eq 0 ] || shift
  [ "$#" -le 1 ] || { usage >&2; die "too many arguments"; }
  docent_profile "${1:-run}"
  [ -f "$PG_DATA/PG_VERSION" ] || die "no $DOCENT_PROFILE cluster yet: db/postgres.sh start $DOCENT_PROFILE"
  pick_server || die "no PostgreSQL server installed"
  [ "$(id -u)" -ne 0 ] || PG_OS_USER="$(stat -c %U "$PG_DATA")"
  case "$action" in
    start) replica_start ;;
    stop) replica_stop ;;
    pause|resume)
      replica_running || die "the $DOCENT_PROFILE replica is not running: db/postgres.sh replica start $DOCENT_PROFILE"
      replica_psql -c "SELECT pg_wal_replay_$action()" >/dev/null ;;
    status)
      if replica_running; then
        echo "replica ($DOCENT_PROFILE): running on port $REPLICA_PORT, $(replica_psql -c "SELECT coalesce((SELECT status FROM pg_stat_wal_receiver), 'not streaming') || ', replay ' || CASE WHEN pg_is_wal_replay_paused() THEN 'paused' ELSE 'running' END")"
      else
        echo "replica ($DOCENT_PROFILE): stopped"
      fi ;;
    *) usage >&2; die "replica needs one of start, stop, pause, resume, status" ;;
  esac
}

# ---------------------------------------------------------------------------------------------------------

cmd="${1:-}"
[ "$#" -eq 0 ] || shift
case "$cmd" in
  install|start|stop|status|reset)
    [ "$#" -le 1 ] || { usage >&2; die "too many arguments"; }
    docent_profile "${1:-run}"; [ "$#" -eq 0 ] || shift ;;
  replica) ;;
  psql)
    if [ "${1:-}" = run ] || [ "${1:-}" = test ]; then docent_profile "$1"; shift; else docent_profile run; fi ;;
  -h|--help|help) usage; exit 0 ;;
  "") usage >&2; die "missing command" ;;
  *) usage >&2; die "unknown command '$cmd'" ;;
esac
"cmd_$cmd" "$@"
