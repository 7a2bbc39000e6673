# Docent: the commands people use. Each target is a thin wrapper over scripts/ (see the README).
.PHONY: run stop test eval eval-example bench bench-overhead bench-instances bench-groundedness bench-ingest bench-peer bench-documents bench-scale bench-answer bench-chat bench-streams bench-embeddings bench-gaps redteam build lint format help

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

run: ## provision what is missing, build, start PostgreSQL, Keycloak and Docent on http://localhost:8080
	@scripts/docent.sh run

stop: ## stop what `make run` started
	@scripts/docent.sh stop

test: ## provision the test services (own ports and folders) and run the whole suite, browser tests included
	@scripts/docent.sh test

eval: ## run an evaluation set against a running Docent: make eval SET=file.jsonl; exits 1 below the saved baseline
	@scripts/eval.py "$(SET)"

eval-example: ## a SQuAD-derived set (../shared/data) against a running Docent: uploads 6 articles, then make eval
	@scripts/squad-example.py --upload && scripts/eval.py target/eval/squad-example.jsonl

bench: ## run every benchmark against the real services; report: target/bench/report.md (+ .json, plots)
	@scripts/docent.sh bench

bench-scale: ## retrieval latency and recall at 100k and 1M chunks, database size (section of the report)
	@scripts/docent.sh bench RetrievalScaleBench

bench-documents: ## the documents list at 100,000 generated documents: first page, filters, sorts p95 (section of the report)
	@scripts/docent.sh bench DocumentListBench

bench-answer: ## retrieval on SQuAD and SciFact, extractive answers before/after, time to first token (1, 50 users)
	@DOCENT_BENCH_EMPTY_DB=1 scripts/docent.sh bench RetrievalSetsBench,RetrievalQualityBench,ExtractiveAnswerBench,ChatLatencyBench

bench-chat: ## time to first token against concurrency, 200 streaming chats, memory (section of the report)
	@scripts/docent.sh bench ChatLatencyBench

bench-streams: ## 500 concurrent streaming chats against a packaged Docent with the 1 GiB JVM settings: errors, busy answers, app-added latency, RSS (section of the report)
	@scripts/docent.sh bench streams

bench-ingest: ## ingestion throughput against raw embedding throughput (report: target/bench/ingest.md)
	@scripts/docent.sh bench IngestionBench

bench-peer: ## Docent against plain LangChain4j (bench/peer) on the same SQuAD/SciFact documents: ingestion, search latency, recall (section of the report)
	@DOCENT_BENCH_EMPTY_DB=1 scripts/docent.sh bench PeerComparisonBench

bench-overhead: ## time to first token and ingestion throughput with metrics and tracing off against on (section of the report)
	@scripts/docent.sh bench overhead

bench-instances: ## answers/s and ingestion documents/s with two instances on one database against one (section of the report)
	@scripts/docent.sh bench instances

bench-groundedness: ## how the groundedness score separates answers with and without SQuAD's gold answer, AUC (section of the report)
	@scripts/docent.sh bench GroundednessAucBench

bench-embeddings: ## compare the in-process embedding models on ../shared/data/squad
	@scripts/docent.sh bench EmbeddingModelBench

redteam: ## the safety guards against garak and BIPIA attacks, an obedient stub model, guards off and on (report: target/bench/redteam.md)
	@scripts/docent.sh bench RedTeamBench

bench-gaps: ## knowledge-gap evaluation on ../shared/data/squad, on an emptied test database (report: target/bench/gaps.md)
	@DOCENT_BENCH_EMPTY_DB=1 _TEST_DOCENT_GAPS_REPLAY_DELAY=PT1H scripts/docent.sh bench GapEvaluationBench

build: ## compile, check formatting and package without running tests
	@bash -c 'source scripts/lib.sh && find_jdk && ./mvnw -B -q -DskipTests package'

lint: ## check formatting (the build checks it too)
	@bash -c 'source scripts/lib.sh && find_jdk && ./mvnw -B -q spotless:check'

format: ## format the Java sources
	@bash -c 'source scripts/lib.sh && find_jdk && ./mvnw -B -q spotless:apply'
