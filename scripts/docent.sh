#!/usr/bin/env bash
# The two commands behind `make run` and `make test`, plus `make stop`.
#   scripts/docent.sh run    provision what is missing, build, start PostgreSQL, Keycloak and Docent, wait, print logins
#   scripts/docent.sh stop   stop what `run` started
#   scripts/docent.sh test   provision, start the test services on their own ports and folders, run every test
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$DOCENT_ROOT"

app_pid_file() { echo "$PID_DIR/docent.pid"; }

app_running() {
  local pid_file; pid_file="$(app_pid_file)"
  [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

build() {
  say "Building Docent (Maven wrapper, JDK at $JAVA_HOME)"
  # Formatting is checked by make test, make lint and CI; running the app should not depend on it.
  ./mvnw -B -q -DskipTests -DskipFormatCheck package
}

start_app() {
  if app_running; then
    say "Docent is already running (pid $(cat "$(app_pid_file)")); 'make stop' then 'make run' to restart it"
    return
  fi
  say "Starting Docent on port $APP_PORT"
  # DOCENT_TLS=self-signed: serve HTTPS too (port DOCENT_HTTPS_PORT, 8443) with a certificate made once for localhost.
  if [ "${DOCENT_TLS:-}" = self-signed ] && [ -z "${DOCENT_TLS_CERT:-}" ]; then
    local tls="$DOCENT_LOCAL/tls"
    if [ ! -f "$tls/cert.pem" ]; then
      mkdir -p "$tls"
      openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=localhost" \
        -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$tls/key.pem" -out "$tls/cert.pem" 2>/dev/null \
        || die "openssl could not make a self-signed certificate (is openssl installed?)"
      chmod 600 "$tls/key.pem"
    fi
    export DOCENT_TLS_CERT="$tls/cert.pem" DOCENT_TLS_KEY="$tls/key.pem"
    say "HTTPS on https://localhost:${DOCENT_HTTPS_PORT:-8443} (self-signed certificate: $tls/cert.pem)"
  fi
  # DOCENT_PG_TLS=1: PostgreSQL serves TLS (db/postgres.sh) and Docent connects with sslmode=verify-full.
  local db_url="jdbc:postgresql://localhost:$PG_PORT/docent"
  if [ "${DOCENT_PG_TLS:-}" = 1 ]; then
    db_url="$db_url?sslmode=verify-full&sslrootcert=$DOCENT_LOCAL/run/pgtls/root.crt"
    say "Connecting to PostgreSQL with sslmode=verify-full (CA: $DOCENT_LOCAL/run/pgtls/root.crt)"
  fi
  DJL_CACHE_DIR="$DOCENT_LOCAL/djl-cache" \
  DOCENT_HTTP_PORT="$APP_PORT" \
  DOCENT_DEMO="${DOCENT_DEMO:-true}" \
  DOCENT_DB_URL="${DOCENT_DB_URL:-$db_url}" \
  DOCENT_OIDC_URL="${DOCENT_OIDC_URL:-http://localhost:$KC_PORT/realms/docent}" \
    nohup "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dpdfbox.fontcache="$DOCENT_LOCAL" ${DOCENT_JAVA_OPTS:-} \
      -jar target/quarkus-app/quarkus-run.jar >"$LOG_DIR/docent.log" 2>&1 &
  echo $! >"$(app_pid_file)"
  wait_for_http "http://localhost:$APP_PORT/q/health/ready" 180 "$LOG_DIR/docent.log" "$(cat "$(app_pid_file)")"
}

stop_app() {
  if app_running; then
    local pid; pid="$(cat "$(app_pid_file)")"
    say "Stopping Docent (pid $pid)"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$(app_pid_file)"
}

start_services() {
  db/postgres.sh start "$DOCENT_PROFILE"
  keycloak/keycloak.sh start "$DOCENT_PROFILE"
}

stop_services() {
  keycloak/keycloak.sh stop "$DOCENT_PROFILE" || true
  db/postgres.sh stop "$DOCENT_PROFILE" || true
}

cmd_run() {
  docent_profile run
  scripts/install-packages.sh
  find_jdk
  # Keycloak takes the longest to come up: start it while PostgreSQL starts and Maven builds.
  db/postgres.sh start run
  keycloak/keycloak.sh start run >"$LOG_DIR/keycloak-start.log" 2>&1 &
  local kc=$!
  app_running || build
  wait "$kc" || { cat "$LOG_DIR/keycloak-start.log" >&2; die "Keycloak did not start"; }
  start_app
  cat <<TXT

  Docent is up:  http://localhost:$APP_PORT
  Demo logins (password = user name, demo realm only):
    alice    user, group engineering
    hana     user, group hr
    eve      user, group engineering/hr (not /hr)
    admin    admin + user
    manager  knowledge-manager + user
  Keycloak admin console: http://localhost:$KC_PORT/admin (admin / admin)
  Logs: $LOG_DIR        Stop everything: make stop

TXT
}

cmd_stop() {
  docent_profile run
  stop_app
  stop_services
}

cmd_test() {
  docent_profile test
  scripts/install-packages.sh --browser --compose
  find_jdk
  trap '[ "${DOCENT_KEEP_TEST_SERVICES:-}" = 1 ] || stop_services' EXIT
  start_services
  db/postgres.sh reset test
  say "Running the test suite"
  DOCENT_TEST_HTTP_PORT="$APP_PORT" \
  DOCENT_TEST_DB_URL="jdbc:postgresql://localhost:$PG_PORT/docent" \
  DOCENT_TEST_DB_ROOT_CERT="$DOCENT_LOCAL/test/pgtls/root.crt" \
  DOCENT_TEST_OIDC_URL="http://localhost:$KC_PORT/realms/docent" \
    ./mvnw -B verify "$@"
}

# Benchmarks: the test services, then the JUnit classes tagged "bench" that match $1 (default: those of `make bench`;
# EmbeddingModelBench, a model comparison, runs only from `make bench-embeddings`). Extra Maven arguments (e.g.
# -Dbench.scale.sizes=100000) come from BENCH_ARGS.
cmd_bench() {
  docent_profile test
  scripts/install-packages.sh
  find_jdk
  trap '[ "${DOCENT_KEEP_TEST_SERVICES:-}" = 1 ] || stop_services' EXIT
  start_services
  # The knowledge-gap evaluation measures what its own documents answer: it asks for an empty database.
  if [ "${DOCENT_BENCH_EMPTY_DB:-}" = 1 ]; then db/postgres.sh reset test; fi
  local pattern="${1:-}" failed=0
  if [ -z "$pattern" ]; then
    # make bench, each on an emptied database: ingestion first (open knowledge gaps are replayed whenever a document
    # becomes ready, which would take CPU from the pipeline), then the knowledge-gap evaluation, then the others.
    # report.md gathers all of them.
    db/postgres.sh reset test
    run_benchmarks IngestionBench || { failed=1; say "The ingestion benchmark failed; running the others"; }
    db/postgres.sh reset test
    run_benchmarks GapEvaluationBench || { failed=1; say "The knowledge-gap evaluation failed; running the others"; }
    # Each of the others on an emptied database too: the SQuAD quality figures count hits by document, so copies of
    # the same articles left by another benchmark (the gap evaluation's, the synthetic corpora's text) would take
    # their places in the ranking (measured: keyword recall@1 0.00, hybrid below vector, in one shared database).
    local each
    for each in PeerComparisonBench RetrievalQualityBench RetrievalSetsBench ExtractiveAnswerBench RetrievalScaleBench ChatLatencyBench DocumentListBench GroundednessAucBench; do
      db/postgres.sh reset test
      run_benchmarks "$each" || { failed=1; say "$each failed; running the others"; }
    done
    db/postgres.sh reset test
    run_overhead_rounds || { failed=1; say "The monitoring overhead bench failed"; }
    db/postgres.sh reset test
    run_streams || { failed=1; say "The concurrent-streams bench failed"; }
    say "Report: target/bench/report.md (and report.json, *.png)"
    return "$failed"
  fi
  if [ "$pattern" = overhead ]; then
    run_overhead_rounds || failed=1
  elif [ "$pattern" = instances ]; then
    run_two_instances || failed=1
  elif [ "$pattern" = streams ]; then
    run_streams || failed=1
  else
    run_benchmarks "$pattern" || failed=1
  fi
  say "Report: target/bench/report.md (and report.json, *.png)"
  return "$failed"
}

# The monitoring overhead bench: two packaged builds side by side, "off" without the Prometheus registry and Micrometer
# binders (build-time settings, hence a build of its own, in target/quarkus-app-nometrics), "on" as shipped.
run_overhead_rounds() {
  say "Packaging Docent twice for the monitoring overhead bench (with and without metrics)"
  ./mvnw -B -q package -DskipTests -Dspotless.check.skip=true || return 1
  ./mvnw -B -q package -DskipTests -Dspotless.check.skip=true -Dquarkus.package.output-directory=quarkus-app-nometrics \
    -Dquarkus.micrometer.export.prometheus.enabled=false -Dquarkus.micrometer.binder-enabled-default=false || return 1
  BENCH_ARGS="${BENCH_ARGS:-} -Dbench.overhead.on-jar=$PWD/target/quarkus-app/quarkus-run.jar \
-Dbench.overhead.off-jar=$PWD/target/quarkus-app-nometrics/quarkus-run.jar" run_benchmarks MonitoringOverheadBench
}

# Two instances against one: one packaged build, started twice by the benchmark on the test database.
run_two_instances() {
  say "Packaging Docent for the two-instances bench"
  ./mvnw -B -q package -DskipTests -Dspotless.check.skip=true || return 1
  BENCH_ARGS="${BENCH_ARGS:-} -Dbench.instances.jar=$PWD/target/quarkus-app/quarkus-run.jar" \
    run_benchmarks TwoInstancesBench
}

# Concurrent streams from one packaged build, started by the benchmark with the JVM settings for a 1 GiB container
# (memory is the packaged process's own, not the test JVM's).
run_streams() {
  say "Packaging Docent for the concurrent-streams bench"
  ./mvnw -B -q package -DskipTests -Dspotless.check.skip=true || return 1
  BENCH_ARGS="${BENCH_ARGS:-} -Dbench.streams.jar=$PWD/target/quarkus-app/quarkus-run.jar" \
    run_benchmarks ConcurrentStreamsBench
}

run_benchmarks() {
  local pattern="$1"
  say "Running benchmarks ($pattern); reports go to target/bench/"
  DOCENT_TEST_HTTP_PORT="$APP_PORT" \
  DOCENT_TEST_DB_URL="jdbc:postgresql://localhost:$PG_PORT/docent" \
  DOCENT_TEST_OIDC_URL="http://localhost:$KC_PORT/realms/docent" \
    ./mvnw -B test -Dbench.excluded= -Dgroups=bench -Dtest="$pattern" -Dsurefire.failIfNoSpecifiedTests=false \
      ${BENCH_ARGS:-}
}

case "${1:-}" in
  run) cmd_run ;;
  stop) cmd_stop ;;
  test) shift; cmd_test "$@" ;;
  bench) shift; cmd_bench "$@" ;;
  *) die "usage: scripts/docent.sh run|stop|test|bench [pattern]" ;;
esac
