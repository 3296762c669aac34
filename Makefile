# Muster's two commands: `make demo` runs Muster on the demo council, `make test` runs every test.
# Both install the system libraries they need first (Debian/Ubuntu), so a fresh machine needs nothing by hand.

SWIFT ?= swift
SYSTEM_PACKAGES := libsqlite3-dev libpcre2-dev libcurl4-openssl-dev pkg-config wbritish
# The tests also drive the web console in Chromium (through Selenium and Debian's chromedriver) and the chat webhooks
# with the platforms' PyPI clients (test-deps).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test bench deps test-deps build release check clean clean-modules

## demo: install what is missing, build, create the demo store (a month of Northbridge's posts) and serve the web console
demo: release
	./.build/release/muster demo

## test: install what is missing, build and run every test
test: deps test-deps
	$(SWIFT) test

## deps: install the Debian packages Muster builds against, when they are missing
deps:
	@missing=""; \
	for package in $(SYSTEM_PACKAGES); do dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; done; \
	command -v python3 >/dev/null 2>&1 || missing="$$missing python3"; \
	if [ -n "$$missing" ]; then \
		echo "Installing system packages:$$missing"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

## test-deps: the browser and Python virtualenv support the end-to-end tests use, when missing
test-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v chromedriver >/dev/null 2>&1 || missing="$$missing chromium-driver"; \
	python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
		echo "Installing test packages:$$missing"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product muster

## bench: build in release mode and run every benchmark beside its floor, writing docs/benchmarks.md (installs
## wrk and sqlite3 when missing). With ten million posts it takes about 17 minutes on 2 cores and 25 GB of free
## disk under $TMPDIR; MUSTER_BENCH_SCALES=0.215,2.15 stops at a million (about 6 minutes).
bench: deps
	@command -v wrk >/dev/null 2>&1 && command -v sqlite3 >/dev/null 2>&1 || { \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk sqlite3; }
	$(SWIFT) build -c release
	./.build/release/muster-bench

## check: the intent files' own check, as `muster intents check`
check: build
	./.build/debug/muster intents check

## clean-modules: drop Muster's own build products (debug and release), keeping the dependencies'. After a library struct changes, an
## incremental `swift test` was seen to crash copying it ("outlined init with copy"); this rebuilds only our code.
clean-modules:
	rm -rf .build/*/debug/Muster*.build .build/*/debug/muster.build .build/*/debug/MusterPackageTests* .build/*/debug/description.json
	rm -rf .build/*/release/Muster*.build .build/*/release/muster.build .build/*/release/description.json

clean:
	rm -rf .build .muster
