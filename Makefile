# Muster's two commands: `make demo` runs Muster on the demo council, `make test` runs every test.
# Both install the system libraries they need first (Debian/Ubuntu), so a fresh machine needs nothing by hand.

SWIFT ?= swift
SYSTEM_PACKAGES := libsqlite3-dev libpcre2-dev libcurl4-openssl-dev pkg-config wbritish
# The tests also drive the web console in Chromium (through Selenium and Debian's chromedriver) and the chat webhooks
# with the platforms' PyPI clients (test-deps).
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test bench deps test-deps build release check clean clean-modules fuzz fuzz-build fuzz-check

## demo: install what is missing, build, create the demo store (a month of Northbridge's posts) and serve the web console
demo: release
	./.build/release/muster demo

## test: install what is missing, build and run every test (beside a throwaway PostgreSQL, so the storage suite runs
## on both backends), then fuzz each parser briefly
test: deps test-deps
	scripts/with-postgres.sh $(SWIFT) test
	$(MAKE) fuzz-check

## deps: install the Debian packages Muster builds against, when they are missing
deps:
	@missing=""; \
	for package in $(SYSTEM_PACKAGES); do dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; done; \
	command -v python3 >/dev/null 2>&1 || missing="$$missing python3"; \
	if [ -n "$$missing" ]; then \
		echo "Installing system packages:$$missing"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

## test-deps: the browser, Python virtualenv support and PostgreSQL server the end-to-end and storage tests use, when missing
test-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v chromedriver >/dev/null 2>&1 || missing="$$missing chromium-driver"; \
	python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || missing="$$missing python3-venv"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
		echo "Installing test packages:$$missing"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product muster

## bench: build in release mode and run every benchmark beside its floor, writing docs/benchmarks.md (installs
## wrk, sqlite3 and postgresql when missing; PostgreSQL is measured on a throwaway cluster up to a million posts). With ten million posts it takes about 17 minutes on 2 cores and 25 GB of free
## disk under $TMPDIR; MUSTER_BENCH_SCALES=0.215,2.15 stops at a million (about 6 minutes).
bench: deps
	@command -v wrk >/dev/null 2>&1 && command -v sqlite3 >/dev/null 2>&1 && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk sqlite3 postgresql; }
	$(SWIFT) build -c release
	WITH_POSTGRES_DURABLE=1 WITH_POSTGRES_REPLICA=0 scripts/with-postgres.sh ./.build/release/muster-bench

## check: the intent files' own check, as `muster intents check`
check: build
	./.build/debug/muster intents check

## clean-modules: drop Muster's own build products (debug and release), keeping the dependencies'. After a library struct changes, an
## incremental `swift test` was seen to crash copying it ("outlined init with copy"); this rebuilds only our code.
clean-modules:
	rm -rf .build/*/debug/Muster*.build .build/*/debug/muster.build .build/*/debug/MusterPackageTests* .build/*/debug/description.json
	rm -rf .build/*/release/Muster*.build .build/*/release/muster.build .build/*/release/description.json

## Fuzzing (Fuzzing/README.md): libFuzzer with AddressSanitizer over the parsers, in a package of its own so the
## sanitizer flags never reach the root package's build. Crashes and broken invariants are written to Fuzzing/Findings/.
FUZZ_TARGETS := intents transcripts records webhooks feed
FUZZER := Fuzzing/.build/debug/muster-fuzz
# No Swift backtracer: libFuzzer's own handler must see the crash to save the input (the backtracer also waits 30 s).
FUZZ_RUN = SWIFT_BACKTRACE=enable=no $(FUZZER)

fuzz-build: deps
	$(SWIFT) build --package-path Fuzzing -Xswiftc -sanitize=fuzzer,address

## fuzz-check: every target for FUZZ_SECONDS (20) from the committed corpus, what `make test` ends with; new inputs
## are thrown away
fuzz-check: FUZZ_SECONDS ?= 20
fuzz-check: fuzz-build
	@scratch=$$(mktemp -d) && trap 'rm -rf "$$scratch"' EXIT && mkdir -p Fuzzing/Findings && \
	for target in $(FUZZ_TARGETS); do \
		mkdir -p "$$scratch/$$target" && log=Fuzzing/Findings/$$target.log && \
		if $(FUZZ_RUN) $$target -max_total_time=$(FUZZ_SECONDS) -artifact_prefix=Fuzzing/Findings/$$target- \
			"$$scratch/$$target" Fuzzing/Corpus/$$target >"$$log" 2>&1; \
		then grep -E '^#[0-9]+.*DONE' "$$log" | sed "s/^/fuzz $$target: /"; \
		else tail -40 "$$log"; echo "fuzz $$target: failed; the input is in Fuzzing/Findings/, the log in $$log"; exit 1; fi; \
	done

## fuzz: every target for FUZZ_SECONDS (60), then the inputs that reach new code merged into Fuzzing/Corpus (commit them)
fuzz: FUZZ_SECONDS ?= 60
fuzz: fuzz-build
	@scratch=$$(mktemp -d) && trap 'rm -rf "$$scratch"' EXIT && mkdir -p Fuzzing/Findings && \
	for target in $(FUZZ_TARGETS); do \
		mkdir -p "$$scratch/$$target" && \
		$(FUZZ_RUN) $$target -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 -artifact_prefix=Fuzzing/Findings/$$target- \
			"$$scratch/$$target" Fuzzing/Corpus/$$target || exit 1; \
		$(FUZZ_RUN) $$target -merge=1 Fuzzing/Corpus/$$target "$$scratch/$$target" || exit 1; \
	done

clean:
	rm -rf .build .muster Fuzzing/.build
