# Docent: the commands people use. Each target is a thin wrapper over scripts/ (see the README).
.PHONY: run stop test build lint format help

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

run: ## provision what is missing, build, start PostgreSQL, Keycloak and Docent on http://localhost:8080
	@scripts/docent.sh run

stop: ## stop what `make run` started
	@scripts/docent.sh stop

test: ## provision the test services (own ports and folders) and run the whole suite, browser tests included
	@scripts/docent.sh test

build: ## compile, check formatting and package without running tests
	@bash -c 'source scripts/lib.sh && find_jdk && ./mvnw -B -q -DskipTests package'

lint: ## check formatting (the build checks it too)
	@bash -c 'source scripts/lib.sh && find_jdk && ./mvnw -B -q spotless:check'

format: ## format the Java sources
	@bash -c 'source scripts/lib.sh && find_jdk && ./mvnw -B -q spotless:apply'
