#!/usr/bin/env bash
# Installs the OS packages Docent needs, if missing (Debian/Ubuntu, through apt-get).
#
#   scripts/install-packages.sh [--browser] [--compose]
#
# Always: a PostgreSQL server (Debian's default 'postgresql' unless some postgresql-NN server is already
# installed), postgresql-server-dev-NN for the newest installed server, curl, unzip, and OCR for scanned PDFs
# (tesseract-ocr with English, poppler-utils' pdftoppm to render pages); build-essential only
# when pgvector is not installed and there is no postgresql-NN-pgvector package to install instead (then
# db/postgres.sh builds it from source).
#   --browser   chromium and chromium-driver (browser tests)
#   --compose   docker-compose (Debian's 1.29; only to validate compose files: no Docker engine is installed)
# Idempotent: when everything is present it only queries dpkg and returns (no apt-get update).
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }

want_browser=0 want_compose=0
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=1 ;;
    --compose) want_compose=1 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option '$arg'" ;;
  esac
done

if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-query >/dev/null 2>&1; then
  extra=""
  [ "$want_browser" -eq 1 ] && extra="$extra; Chromium and its chromedriver (for browser tests)"
  [ "$want_compose" -eq 1 ] && extra="$extra; docker-compose"
  die "apt-get not found: this script only knows Debian/Ubuntu. Install by hand: a PostgreSQL server (15 or newer) \
with its server development files (pg_config, server headers), the pgvector extension for that server \
(or a C compiler and make to build it), curl and unzip$extra."
fi

# Newest installed PostgreSQL server version (a /usr/lib/postgresql/NN/bin with a postgres binary), or empty.
newest_pg_server() {
  local d v best=""
  for d in /usr/lib/postgresql/*/bin/postgres; do
    [ -x "$d" ] || continue
    v="${d#/usr/lib/postgresql/}"; v="${v%%/*}"
    [[ "$v" =~ ^[0-9]+$ ]] || continue
    if [ -z "$best" ] || [ "$v" -gt "$best" ]; then best="$v"; fi
  done
  printf '%s' "$best"
}

# Prints the packages among "$@" that are not fully installed (one dpkg-query call).
missing_of() {
  [ "$#" -gt 0 ] || return 0
  local installed
  installed="$(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "$@" 2>/dev/null | awk '$2 == "ii" {print $1}')" || true
  local p
  for p in "$@"; do
    grep -qx -- "$p" <<<"$installed" || printf '%s\n' "$p"
  done
}

updated=0
apt_install() {
  [ "$#" -gt 0 ] || return 0
  say "Installing: $*"
  if [ "$updated" -eq 0 ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q || die "apt-get update failed"
    updated=1
  fi
  # --no-install-recommends: docker-compose would otherwise pull the whole Docker engine (docker.io).
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" \
    || die "apt-get install $* failed"
}

# 1. Base packages (and a server if there is none yet).
base=(curl unzip tesseract-ocr tesseract-ocr-eng poppler-utils)
[ "$want_browser" -eq 1 ] && base+=(chromium chromium-driver)
[ "$want_compose" -eq 1 ] && base+=(docker-compose)
pg="$(newest_pg_server)"
[ -n "$pg" ] || base+=(postgresql)
mapfile -t todo < <(missing_of "${base[@]}")
apt_install "${todo[@]}"

# 2. Server development files for the newest server, and a compiler if pgvector will have to be built.
pg="$(newest_pg_server)"
[ -n "$pg" ] || die "no PostgreSQL server found under /usr/lib/postgresql/*/bin after installing 'postgresql'"
dev=("postgresql-server-dev-$pg")
if [ ! -f "/usr/share/postgresql/$pg/extension/vector.control" ]; then
  candidate="$(apt-cache policy "postgresql-$pg-pgvector" 2>/dev/null | awk '/Candidate:/ {print $2}')"
  if [ -z "$candidate" ] || [ "$candidate" = "(none)" ]; then
    dev+=(build-essential)
  fi
fi
mapfile -t todo < <(missing_of "${dev[@]}")
apt_install "${todo[@]}"

if [ "$updated" -eq 1 ]; then say "OS packages installed (PostgreSQL $pg)"
else say "OS packages already installed (PostgreSQL $pg)"; fi
