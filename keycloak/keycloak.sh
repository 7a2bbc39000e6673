#!/usr/bin/env bash
# A local Keycloak for Docent, without Docker.
#
#   keycloak/keycloak.sh install                 download and unpack the server (once)
#   keycloak/keycloak.sh start  [run|test]       start it in the background, wait for the docent realm
#   keycloak/keycloak.sh stop   [run|test]       stop the one started here
#   keycloak/keycloak.sh status [run|test]       exit 0 when running, 3 when not
#   keycloak/keycloak.sh reset  [run|test]       stop and delete its database (next start re-imports the realm)
#   keycloak/keycloak.sh token  [run|test] USER [PASSWORD]
#                                                print an access token (docent-cli, password grant;
#                                                PASSWORD defaults to USER, as for the demo users)
#
# Profiles (ports from scripts/lib.sh): run = http://localhost:8180, test = http://localhost:8181.
# Management (health) port = KC_PORT + 1000. Admin console: /admin, master admin admin/admin (demo only).
#
# Layout under .local/ (git-ignored):
#   keycloak/dist/             pristine unpacked server, shared, never started itself
#   <profile>/keycloak/server/ the profile's own Keycloak home: bin, conf, lib/quarkus and data/ are
#                              copies, lib/lib (the jars, 170 MB) is hard-linked to dist. Keycloak keeps
#                              per-home state (H2 dev-file database in data/h2, transaction logs,
#                              temp files, and the build output it writes into lib/quarkus when it
#                              re-augments), so one home per profile is what lets run and test run
#                              at the same time without sharing any of it.
#   <profile>/logs/keycloak.log, <profile>/pids/keycloak.pid
#
# Environment: DOCENT_KEYCLOAK_VERSION (default 26.7.3), DOCENT_KC_HEAP (default "-Xms64m -Xmx512m"),
#              DOCENT_KC_START_TIMEOUT (seconds, default 300).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../scripts/lib.sh
source "$SCRIPT_DIR/../scripts/lib.sh"

KC_VERSION="${DOCENT_KEYCLOAK_VERSION:-26.7.3}"
KC_ROOT="$DOCENT_LOCAL/keycloak"
KC_DIST="$KC_ROOT/dist"
# lib/quarkus as augmented by a first "start-dev" (about 30 s of work on 2 cores), reused by the
# next profile home. Keycloak checks the persisted build options at each start and re-augments
# when they differ, so a stale copy only costs that time again.
KC_BUILD_CACHE="$KC_ROOT/dev-build-$KC_VERSION"
REALM_FILE="$SCRIPT_DIR/docent-realm.json"
REALM=docent

usage() {
  sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

dist_version() {  # version of an unpacked server: "Keycloak - Version 26.7.3" -> 26.7.3
  [ -f "$1/version.txt" ] && sed -n 's/.*Version[[:space:]]*//p' "$1/version.txt" | head -n 1
}

cmd_install() {
  mkdir -p "$KC_ROOT"
  if [ -x "$KC_DIST/bin/kc.sh" ] && [ "$(dist_version "$KC_DIST")" = "$KC_VERSION" ]; then
    return 0
  fi
  # Serialise installs: "start run" and "start test" may be launched together.
  exec 8>"$KC_ROOT/.install.lock"
  flock 8
  if [ -x "$KC_DIST/bin/kc.sh" ] && [ "$(dist_version "$KC_DIST")" = "$KC_VERSION" ]; then
    exec 8>&-
    return 0
  fi
  say "Installing Keycloak $KC_VERSION into $KC_DIST"
  find_jdk
  local stage="$KC_ROOT/stage.$$"
  rm -rf "$stage"
  mkdir -p "$stage/zip" "$stage/unpacked"
  # Run Maven from a folder without a pom.xml: dependency:copy needs no project, and the
  # project's own pom.xml (being edited by others) stays out of the way.
  if ! (cd "$stage" && "$DOCENT_ROOT/mvnw" -B -q -N \
        org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
        "-Dartifact=org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" \
        "-DoutputDirectory=$stage/zip" -Dmdep.overWriteReleases=true) >"$stage/maven.log" 2>&1; then
    tail -n 30 "$stage/maven.log" >&2
    die "could not fetch org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip through Maven"
  fi
  local zip
  zip="$(ls "$stage"/zip/*.zip)"
  if command -v unzip >/dev/null 2>&1; then
    unzip -q "$zip" -d "$stage/unpacked"
  else  # the JDK's jar tool works too, but drops the executable bits
    (cd "$stage/unpacked" && "$JAVA_HOME/bin/jar" xf "$zip")
    chmod +x "$stage"/unpacked/*/bin/*.sh
  fi
  local top
  top="$(find "$stage/unpacked" -mindepth 1 -maxdepth 1 -type d | head -n 1)"
  [ -x "$top/bin/kc.sh" ] || die "unexpected archive layout in $zip"
  rm -rf "$KC_DIST.old"
  if [ -e "$KC_DIST" ]; then mv "$KC_DIST" "$KC_DIST.old"; fi
  mv "$top" "$KC_DIST"
  rm -rf "$stage" "$KC_DIST.old"
  exec 8>&-
  say "Keycloak $(dist_version "$KC_DIST") installed"
}

# Makes (or refreshes after a version change) the profile's own Keycloak home; keeps its data/.
prepare_home() {
  KC_HOME="$KC_DATA/server"
  local stamp="$KC_HOME/.docent-dist-version"
  if [ -x "$KC_HOME/bin/kc.sh" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$KC_VERSION" ]; then
    return 0
  fi
  say "Preparing the $PROFILE_NAME Keycloak home in $KC_HOME"
  mkdir -p "$KC_HOME"
  local entry name
  for entry in "$KC_HOME"/* "$KC_HOME"/.docent-dist-version; do
    [ -e "$entry" ] || continue
    [ "$(basename "$entry")" = data ] || rm -rf "$entry"
  done
  for entry in "$KC_DIST"/*; do
    name="$(basename "$entry")"
    case "$name" in
      lib) mkdir -p "$KC_HOME/lib"
           local sub
           for sub in "$KC_DIST"/lib/*; do
             if [ "$(basename "$sub")" = lib ]; then
               # The jars in lib/lib are never written to: hard links save 170 MB per profile.
               cp -al "$sub" "$KC_HOME/lib/" 2>/dev/null || cp -a "$sub" "$KC_HOME/lib/"
             elif [ "$(basename "$sub")" = quarkus ] && [ -d "$KC_BUILD_CACHE" ]; then
               cp -a "$KC_BUILD_CACHE" "$KC_HOME/lib/quarkus"
             else  # lib/quarkus (rewritten when Keycloak re-augments), lib/app, quarkus-run.jar
               cp -a "$sub" "$KC_HOME/lib/"
             fi
           done ;;
      data) ;;
      *) cp -a "$entry" "$KC_HOME/" ;;
    esac
  done
  echo "$KC_VERSION" >"$stamp"
}

save_build_cache() {
  [ -d "$KC_BUILD_CACHE" ] && return 0
  # Only a home that start-dev has augmented differs from the pristine dist.
  cmp -s "$KC_HOME/lib/quarkus/generated-bytecode.jar" "$KC_DIST/lib/quarkus/generated-bytecode.jar" && return 0
  local tmp="$KC_BUILD_CACHE.tmp.$$"
  rm -rf "$tmp"
  if cp -a "$KC_HOME/lib/quarkus" "$tmp" && mv -T "$tmp" "$KC_BUILD_CACHE" 2>/dev/null; then
    return 0
  fi
  rm -rf "$tmp"  # another profile saved it first
  return 0
}

kc_paths() {
  KC_HOME="$KC_DATA/server"
  KC_MGMT_PORT=$((KC_PORT + 1000))
  KC_URL="http://localhost:$KC_PORT"
  DISCOVERY_URL="$KC_URL/realms/$REALM/.well-known/openid-configuration"
  PID_FILE="$PID_DIR/keycloak.pid"
  LOG_FILE="$LOG_DIR/keycloak.log"
}

# Prints the pid from the pid file if that process is alive and is this profile's Keycloak.
running_pid() {
  local pid
  [ -f "$PID_FILE" ] || return 1
  pid="$(cat "$PID_FILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  alive "$pid" || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$KC_HOME" || return 1
  echo "$pid"
}

# Alive and not a zombie (a server started by this very call stays our child until we exit).
alive() {
  kill -0 "$1" 2>/dev/null || return 1
  local state
  state="$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)"
  [ "$state" != Z ]
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

answers() { curl -fsS -o /dev/null --max-time 5 "$1" 2>/dev/null; }

cmd_start() {
  kc_paths
  local pid
  if pid="$(running_pid)"; then
    if answers "$DISCOVERY_URL"; then
      say "Keycloak ($PROFILE_NAME) already running: $KC_URL (pid $pid)"
      return 0
    fi
    say "Keycloak ($PROFILE_NAME) is starting (pid $pid); waiting"
  else
    if answers "$DISCOVERY_URL"; then
      say "A Keycloak not started by this script already serves $DISCOVERY_URL; using it"
      return 0
    fi
    local port
    for port in "$KC_PORT" "$KC_MGMT_PORT"; do
      if port_busy "$port"; then
        die "port $port is already in use (Keycloak $PROFILE_NAME needs $KC_PORT and $KC_MGMT_PORT)"
      fi
    done
    cmd_install
    prepare_home
    find_jdk
    # Keycloak imports the realm only into an empty database: when the demo realm file changed since the last
    # import (new users, mappers, client settings), start from an empty database so the change takes effect.
    local realm_sum; realm_sum="$(sha256sum "$REALM_FILE" | cut -d' ' -f1)"
    if [ -d "$KC_HOME/data/h2" ] && [ "$(cat "$KC_HOME/.docent-realm-sha256" 2>/dev/null)" != "$realm_sum" ]; then
      say "The demo realm file changed since Keycloak ($PROFILE_NAME) imported it: re-importing it"
      rm -rf "$KC_HOME/data/h2" "$KC_HOME/data/transaction-logs"
    fi
    echo "$realm_sum" >"$KC_HOME/.docent-realm-sha256"
    mkdir -p "$KC_HOME/data/import"
    rm -f "$KC_HOME"/data/import/*.json
    cp "$REALM_FILE" "$KC_HOME/data/import/$REALM-realm.json"
    if [ -f "$LOG_FILE" ]; then mv -f "$LOG_FILE" "$LOG_FILE.1"; fi
    say "Starting Keycloak ($PROFILE_NAME) on $KC_URL (log: $LOG_FILE)"
    # Demo-only master admin; Keycloak creates it on the first start only.
    # The hostname is pinned so that the issuer ("iss") is always http://localhost:PORT/realms/docent,
    # whichever host name a client used to reach the server.
    # setsid: Keycloak (kc.sh and its java child) gets its own process group, which stop kills.
    # Keycloak reads every KC_* environment variable as an option: drop lib.sh's KC_PORT/KC_DATA.
    env -u KC_PORT -u KC_DATA \
    KC_BOOTSTRAP_ADMIN_USERNAME=admin \
    KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    KC_LOG_CONSOLE_COLOR=false \
    JAVA_OPTS_KC_HEAP="${DOCENT_KC_HEAP:--Xms64m -Xmx512m}" \
      setsid nohup "$KC_HOME/bin/kc.sh" start-dev \
        --http-host=127.0.0.1 \
        --http-port="$KC_PORT" \
        --http-management-port="$KC_MGMT_PORT" \
        --hostname="$KC_URL" \
        --health-enabled=true \
        --import-realm \
        >"$LOG_FILE" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$PID_FILE"
  fi

  local timeout="${DOCENT_KC_START_TIMEOUT:-300}" start=$SECONDS
  until answers "$DISCOVERY_URL"; do
    if ! alive "$pid"; then
      tail -n 40 "$LOG_FILE" >&2 || true
      rm -f "$PID_FILE"
      die "Keycloak ($PROFILE_NAME) exited during startup (log: $LOG_FILE)"
    fi
    if [ $((SECONDS - start)) -ge "$timeout" ]; then
      tail -n 40 "$LOG_FILE" >&2 || true
      die "Keycloak ($PROFILE_NAME) did not serve $DISCOVERY_URL within ${timeout}s (still running as pid $pid; log: $LOG_FILE)"
    fi
    sleep 1
  done
  save_build_cache
  say "Keycloak ($PROFILE_NAME) ready after $((SECONDS - start))s: $KC_URL/realms/$REALM (admin console $KC_URL/admin)"
}

cmd_stop() {
  kc_paths
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE"
    if answers "$DISCOVERY_URL"; then
      say "Keycloak on port $KC_PORT was not started by this script: leaving it alone"
    else
      say "Keycloak ($PROFILE_NAME) is not running"
    fi
    return 0
  fi
  say "Stopping Keycloak ($PROFILE_NAME, pid $pid)"
  # kc.sh forwards TERM to java; signalling the whole group also covers a re-executed or orphaned java.
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  local i
  for i in $(seq 1 60); do
    kill -0 -- "-$pid" 2>/dev/null || break
    sleep 1
  done
  if kill -0 -- "-$pid" 2>/dev/null; then
    say "Keycloak ($PROFILE_NAME) ignored TERM for 60s: killing it"
    kill -KILL -- "-$pid" 2>/dev/null || true
    sleep 1
  fi
  rm -f "$PID_FILE"
}

cmd_status() {
  kc_paths
  local pid
  if pid="$(running_pid)"; then
    if answers "$DISCOVERY_URL"; then
      echo "keycloak ($PROFILE_NAME): running, pid $pid, $KC_URL/realms/$REALM, health http://localhost:$KC_MGMT_PORT/health/ready"
      return 0
    fi
    echo "keycloak ($PROFILE_NAME): starting (pid $pid), log $LOG_FILE"
    return 0
  fi
  if answers "$DISCOVERY_URL"; then
    echo "keycloak ($PROFILE_NAME): a server not started by this script answers on $KC_URL"
    return 0
  fi
  echo "keycloak ($PROFILE_NAME): stopped"
  return 3
}

cmd_reset() {
  kc_paths
  cmd_stop
  say "Deleting the $PROFILE_NAME Keycloak database ($KC_HOME/data/h2); the next start re-imports the realm"
  rm -rf "$KC_HOME/data/h2" "$KC_HOME/data/transaction-logs"
}

cmd_token() {
  kc_paths
  local user="${1:-}" password="${2:-${1:-}}" response token
  [ -n "$user" ] || usage
  response="$(curl -sS --max-time 30 -X POST "$KC_URL/realms/$REALM/protocol/openid-connect/token" \
    --data-urlencode grant_type=password \
    --data-urlencode client_id="${DOCENT_KC_CLIENT:-docent-cli}" \
    --data-urlencode scope=openid \
    --data-urlencode username="$user" \
    --data-urlencode password="$password")" || die "Keycloak ($PROFILE_NAME) did not answer on $KC_URL"
  token="$(printf '%s' "$response" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')"
  [ -n "$token" ] || die "no token for '$user': $response"
  printf '%s\n' "$token"
}

command="${1:-}"
[ $# -gt 0 ] && shift
case "$command" in
  install) cmd_install ;;
  start|stop|status|reset)
    PROFILE_NAME="${1:-run}"
    docent_profile "$PROFILE_NAME"
    "cmd_$command" ;;
  token)
    PROFILE_NAME=run
    case "${1:-}" in run|test) PROFILE_NAME="$1"; shift ;; esac
    docent_profile "$PROFILE_NAME"
    cmd_token "$@" ;;
  *) usage ;;
esac
