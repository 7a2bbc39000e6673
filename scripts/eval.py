#!/usr/bin/env python3
"""make eval SET=file.jsonl: a regression gate over Docent's evaluation API, for a deployment's own CI.

Imports the set, runs it (the live configuration, or EVAL_CONFIG as JSON), waits for the run, and compares its
metrics with a saved baseline: exits 1 when a metric where higher is better falls more than the tolerance below it,
0 otherwise. Without a baseline (or with SAVE_BASELINE=1) it saves this run's metrics as the baseline.

Environment:
  DOCENT_URL         Docent's base URL (default http://localhost:8080, as `make run` starts it)
  DOCENT_TOKEN       a bearer token; otherwise one is fetched from Keycloak with the password grant:
  DOCENT_OIDC_URL    the realm URL (default http://localhost:8180/realms/docent)
  DOCENT_EVAL_USER   a knowledge manager or admin (default manager, the demo realm's)
  DOCENT_EVAL_PASSWORD  its password (default: the user name, as in the demo realm only)
  BASELINE           the baseline file (default: the set's name with .baseline.json)
  TOLERANCE          how far (absolute, 0-1) a metric may fall below the baseline (default 0.02)
  EVAL_CONFIG        the run's configuration as JSON, e.g. {"provider": "extractive", "k": 10}
  EVAL_TIMEOUT       seconds to wait for the run (default 3600)
Only the standard library: it must run on any CI machine with Python 3.
"""
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

HIGHER_IS_BETTER = [
    "hitAt1", "hitAt5", "hitAt10", "mrr", "containment", "tokenF1", "unansweredPrecision", "unansweredRecall",
    "correct", "citationPrecision", "groundedness",
]


def fail(message, code=2):
    print(f"make eval: {message}", file=sys.stderr)
    sys.exit(code)


def request(method, url, token=None, body=None, content_type="application/json"):
    data = None
    headers = {"Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        headers["Content-Type"] = content_type
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            text = response.read().decode()
            return json.loads(text) if text else None
    except urllib.error.HTTPError as e:
        text = e.read().decode(errors="replace")
        try:
            detail = json.loads(text).get("detail") or text
        except ValueError:
            detail = text
        fail(f"{method} {url} answered {e.code}: {detail}")
    except urllib.error.URLError as e:
        fail(f"cannot reach {url}: {e.reason} (is Docent running? `make run`)")


def token():
    if os.environ.get("DOCENT_TOKEN"):
        return os.environ["DOCENT_TOKEN"]
    realm = os.environ.get("DOCENT_OIDC_URL", "http://localhost:8180/realms/docent")
    user = os.environ.get("DOCENT_EVAL_USER", "manager")
    form = urllib.parse.urlencode({
        "grant_type": "password",
        "client_id": "docent-cli",
        "username": user,
        "password": os.environ.get("DOCENT_EVAL_PASSWORD", user),
    }).encode()
    answer = request("POST", f"{realm}/protocol/openid-connect/token", body=form,
                     content_type="application/x-www-form-urlencoded")
    return answer["access_token"]


def main():
    if len(sys.argv) != 2 or not sys.argv[1]:
        fail("say which set to run: make eval SET=file.jsonl")
    path = sys.argv[1]
    if not os.path.isfile(path):
        fail(f"there is no file {path}")
    base = os.environ.get("DOCENT_URL", "http://localhost:8080").rstrip("/")
    baseline_path = os.environ.get("BASELINE") or os.path.splitext(path)[0] + ".baseline.json"
    tolerance = float(os.environ.get("TOLERANCE", "0.02"))
    config = json.loads(os.environ.get("EVAL_CONFIG") or "{}")
    timeout = float(os.environ.get("EVAL_TIMEOUT", "3600"))
    fmt = "csv" if path.lower().endswith(".csv") else "jsonl"

    bearer = token()
    with open(path, "rb") as f:
        content = f.read()
    name = f"make eval: {os.path.basename(path)}"
    created = request("POST", f"{base}/api/eval/sets/import?format={fmt}&name={urllib.parse.quote(name)}",
                      bearer, content, "text/csv" if fmt == "csv" else "application/x-ndjson")
    try:
        run_id = request("POST", f"{base}/api/eval/runs", bearer, {"setId": created["id"], "config": config})["id"]
        print(f"Running {created['items']} items of {path} (run {run_id})", flush=True)
        deadline = time.monotonic() + timeout
        while True:
            run = request("GET", f"{base}/api/eval/runs/{run_id}", bearer)
            if run["status"] not in ("queued", "running"):
                break
            if time.monotonic() > deadline:
                request("POST", f"{base}/api/eval/runs/{run_id}/cancel", bearer)
                fail(f"the run took longer than {timeout:.0f} s; cancelled")
            time.sleep(2)
    finally:
        request("DELETE", f"{base}/api/eval/sets/{created['id']}", bearer)
    if run["status"] != "done":
        fail(f"the run ended {run['status']}: {run.get('error') or ''}")
    metrics = run["metrics"]
    for key in HIGHER_IS_BETTER + ["answeredRate", "latencyP50Ms", "latencyP95Ms"]:
        if metrics.get(key) is not None:
            print(f"  {key:20} {metrics[key]}")

    if os.environ.get("SAVE_BASELINE") == "1" or not os.path.exists(baseline_path):
        with open(baseline_path, "w") as f:
            json.dump({"run": run_id, "config": config, "metrics": metrics}, f, indent=2, sort_keys=True)
            f.write("\n")
        print(f"Saved the baseline to {baseline_path}")
        return 0
    with open(baseline_path) as f:
        baseline = json.load(f)["metrics"]
    worse = []
    for key in HIGHER_IS_BETTER:
        was, now = baseline.get(key), metrics.get(key)
        if was is None:
            continue
        if now is None or now < was - tolerance:
            worse.append(f"{key} {was} -> {now}")
    if worse:
        print(f"Regression against {baseline_path} (tolerance {tolerance}): " + "; ".join(worse), file=sys.stderr)
        return 1
    print(f"No metric fell more than {tolerance} below {baseline_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
