#!/usr/bin/env bash
# Shared settings for Docent's scripts: paths, per-profile ports and data folders, JDK discovery.
# Source it; do not run it. Profiles: "run" (make run) and "test" (make test) never share a port or a folder.

DOCENT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DOCENT_LOCAL="${DOCENT_LOCAL:-$DOCENT_ROOT/.local}"   # git-ignored: clusters, Keycloak, logs, pids

docent_profile() {
  local profile="${1:-run}"
  case "$profile" in
    run)
      PG_PORT="${DOCENT_PG_PORT:-55432}"
      KC_PORT="${DOCENT_KC_PORT:-8180}"
      APP_PORT="${DOCENT_HTTP_PORT:-8080}"
      REPLICA_PORT="${DOCENT_REPLICA_PG_PORT:-55434}"
      ;;
    test)
      PG_PORT="${DOCENT_TEST_PG_PORT:-55433}"
      KC_PORT="${DOCENT_TEST_KC_PORT:-8181}"
      APP_PORT="${DOCENT_TEST_HTTP_PORT:-8081}"
      REPLICA_PORT="${DOCENT_TEST_REPLICA_PG_PORT:-55435}"
      ;;
    *) die "unknown profile '$profile' (expected run or test)" ;;
  esac
  DOCENT_PROFILE="$profile"
  PG_DATA="$DOCENT_LOCAL/$profile/pgdata"
  PG_SOCKET_DIR="$DOCENT_LOCAL/$profile/pgsocket"
  # A streaming replica of the profile's cluster (db/postgres.sh replica), made only when asked for.
  REPLICA_DATA="$DOCENT_LOCAL/$profile/pgreplica"
  KC_DATA="$DOCENT_LOCAL/$profile/keycloak"
  LOG_DIR="$DOCENT_LOCAL/$profile/logs"
  PID_DIR="$DOCENT_LOCAL/$profile/pids"
  mkdir -p "$LOG_DIR" "$PID_DIR"
  export DOCENT_PROFILE PG_PORT KC_PORT APP_PORT REPLICA_PORT PG_DATA PG_SOCKET_DIR REPLICA_DATA KC_DATA LOG_DIR PID_DIR
}

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "'$*' needs root: run as root or install sudo"; fi
}

# Finds a JDK 21 or newer: $JAVA_HOME, then java on PATH, then /usr/lib/jvm/*. Exports JAVA_HOME.
find_jdk() {
  local candidates=() c v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for c in /usr/lib/jvm/* /opt/java/* /usr/local/openjdk-*; do [ -d "$c" ] && candidates+=("$c"); done
  local best="" best_v=0
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/javac" ] && [ -x "$c/bin/java" ] || continue
    v="$("$c/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')"
    v="${v%%.*}"
    [[ "$v" =~ ^[0-9]+$ ]] || continue
    if [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$c"; best_v="$v"; fi
  done
  [ -n "$best" ] || die "Docent needs a JDK 21 or newer (javac included). Install one (e.g. 'apt-get install openjdk-21-jdk' or a Temurin 21+ JDK) or set JAVA_HOME to it."
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
}

# Waits until a URL answers 2xx/3xx, up to $2 seconds. Fails with the log's tail if $3 (a log file) is given,
# and at once (with the reason the log gives) if $4, the server's pid, is no longer running.
wait_for_http() {
  local url="$1" timeout="${2:-120}" log="${3:-}" pid="${4:-}" i=0
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      if [ -n "$log" ] && [ -f "$log" ]; then
        tail -n 20 "$log" >&2
        local reason
        reason="$(grep -E '^Caused by: ' "$log" | tail -n 1 | sed -E 's/^Caused by: [A-Za-z0-9_.$]+: //')"
        [ -n "$reason" ] && die "the server stopped while starting: $reason"
      fi
      die "the server stopped while starting (see ${log:-its log})"
    fi
    i=$((i + 1))
    if [ "$i" -ge "$timeout" ]; then
      [ -n "$log" ] && [ -f "$log" ] && tail -n 40 "$log" >&2
      die "$url did not answer within ${timeout}s"
    fi
    sleep 1
  done
}
