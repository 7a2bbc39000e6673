#!/usr/bin/env python3
"""make eval-example: a SQuAD-derived evaluation set, its documents uploaded to a running Docent, then `make eval`.

Reads ../shared/data/squad/dev-v1.1.json (CC BY-SA 4.0; never copied into the repository: the set and the documents
are written under target/eval/ on each run). Picks ARTICLES articles (every 8th of the 48, so topics differ), writes each
as a Markdown document (title, one paragraph per block), and an evaluation set of ANSWERABLE questions about them
(expectedAnswer: SQuAD's first answer, expectedDocuments: the article's file name, answerable: true) and UNANSWERABLE
questions about articles that are not uploaded (answerable: false). With --upload the documents go to the collection
`squad-example` of the Docent at DOCENT_URL (as DOCENT_UPLOAD_USER, default admin), and the script waits until they are
ready. The selection is seeded, so every run asks the same questions.

Environment: as scripts/eval.py (DOCENT_URL, DOCENT_OIDC_URL, DOCENT_TOKEN), plus DOCENT_UPLOAD_USER and
DOCENT_UPLOAD_PASSWORD (default: the user name, as in the demo realm only), ARTICLES (6), ANSWERABLE (60),
UNANSWERABLE (20), SQUAD (the dev set's path).
"""
import json
import os
import random
import re
import sys
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import importlib  # noqa: E402

gate = importlib.import_module("eval")

COLLECTION = "squad-example"
OUT = os.path.join("target", "eval")


def slug(title):
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def build(squad_path, articles, answerable, unanswerable):
    with open(squad_path, encoding="utf-8") as f:
        data = json.load(f)["data"]
    chosen = data[::8][:articles]
    others = [a for a in data if a not in chosen]
    rng = random.Random(11)
    docs = {}
    items = []
    per_article = max(1, answerable // len(chosen))
    for article in chosen:
        name = f"squad-{slug(article['title'])}.md"
        title = article["title"].replace("_", " ")
        docs[name] = f"# {title}\n\n" + "\n\n".join(p["context"] for p in article["paragraphs"]) + "\n"
        questions = [(qa, p) for p in article["paragraphs"] for qa in p["qas"]]
        for qa, _ in rng.sample(questions, min(per_article, len(questions))):
            items.append({"question": qa["question"], "expectedAnswer": qa["answers"][0]["text"],
                          "expectedDocuments": [name], "answerable": True})
    pool = [qa for a in others for p in a["paragraphs"] for qa in p["qas"]]
    for qa in rng.sample(pool, unanswerable):
        items.append({"question": qa["question"], "expectedDocuments": [], "answerable": False})
    return docs, items


def upload(base, bearer, name, text):
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"collection\"\r\n\r\n{COLLECTION}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
            f"Content-Type: text/markdown\r\n\r\n").encode() + text.encode() + f"\r\n--{boundary}--\r\n".encode()
    return gate.request("POST", f"{base}/api/documents", bearer, body, f"multipart/form-data; boundary={boundary}")


def main():
    squad = os.environ.get("SQUAD", os.path.join("..", "shared", "data", "squad", "dev-v1.1.json"))
    if not os.path.isfile(squad):
        gate.fail(f"the SQuAD dev set is not at {squad} (set SQUAD=path/to/dev-v1.1.json)")
    docs, items = build(squad, int(os.environ.get("ARTICLES", "6")), int(os.environ.get("ANSWERABLE", "60")),
                        int(os.environ.get("UNANSWERABLE", "20")))
    os.makedirs(os.path.join(OUT, "squad-docs"), exist_ok=True)
    for name, text in docs.items():
        with open(os.path.join(OUT, "squad-docs", name), "w", encoding="utf-8") as f:
            f.write(text)
    set_path = os.path.join(OUT, "squad-example.jsonl")
    with open(set_path, "w", encoding="utf-8") as f:
        for item in items:
            f.write(json.dumps(item) + "\n")
    print(f"Wrote {len(items)} items ({sum(i['answerable'] for i in items)} answerable) to {set_path} "
          f"and {len(docs)} documents to {OUT}/squad-docs")
    if "--upload" not in sys.argv:
        return 0
    base = os.environ.get("DOCENT_URL", "http://localhost:8080").rstrip("/")
    user = os.environ.get("DOCENT_UPLOAD_USER", "admin")
    # gate.token() signs in as DOCENT_EVAL_USER: here, the uploader (this process only).
    os.environ["DOCENT_EVAL_USER"] = user
    os.environ["DOCENT_EVAL_PASSWORD"] = os.environ.get("DOCENT_UPLOAD_PASSWORD", user)
    bearer = gate.token()
    collections = gate.request("GET", f"{base}/api/collections", bearer)
    if not any(c.get("name") == COLLECTION for c in collections):
        gate.request("POST", f"{base}/api/collections", bearer,
                     {"name": COLLECTION, "description": "SQuAD v1.1 dev articles (make eval-example)", "groups": []})
    ids = [upload(base, bearer, name, text)["id"] for name, text in docs.items()]
    deadline = time.monotonic() + float(os.environ.get("EVAL_TIMEOUT", "3600"))
    for doc_id in ids:
        while True:
            doc = gate.request("GET", f"{base}/api/documents/{doc_id}", bearer)
            if doc["status"] == "ready":
                break
            if doc["status"] == "failed":
                gate.fail(f"document {doc_id} failed to ingest: {doc.get('error')}")
            if time.monotonic() > deadline:
                gate.fail("the documents took too long to ingest")
            time.sleep(2)
    print(f"{len(ids)} documents ready in the collection {COLLECTION}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
