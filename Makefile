SHELL := /bin/bash
# Concord: two commands for a fresh Debian/Ubuntu machine.
#   make run   installs what is missing, builds, opens the window on the demo database
#   make test  everything CI runs (fmt, clippy, Rust tests, UI checks and tests, type bindings,
#              release build, end-to-end tests in a real window under Xvfb, the .deb
#              installed on a clean Debian 12 root)

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

APT_PACKAGES := libwebkit2gtk-4.1-dev build-essential curl wget file pkg-config libxdo-dev \
	libssl-dev libayatana-appindicator3-dev librsvg2-dev xvfb xauth webkit2gtk-driver dbus \
	dbus-daemon sqlite3 libreoffice-writer-nogui libreoffice-calc-nogui python3-uno strace e2fsprogs \
	libclang-dev debootstrap x11-utils imagemagick librsvg2-bin xdotool
APP := target/release/concord-desktop
CARGO_BIN := $(HOME)/.cargo/bin
export PATH := $(CARGO_BIN):$(PATH)

.PHONY: help run test deps apt-deps rust-deps ui-deps ui app lint rust-test ui-test bindings bench-merge bench-window \
	icons bundle package-test guide-shots \
	test-servers \
	check-bindings e2e e2e-app crash-test bench bench-size bench-convergence bench-import-1m fuzz clean

help:
	@echo "make run    build and open Concord on the demo database (installs what is missing)"
	@echo "make test   everything CI runs"
	@echo "make bench  the benchmarks (not part of test)"

## ---- dependencies ---------------------------------------------------------------------
deps: apt-deps rust-deps ui-deps

apt-deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing system packages: $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Missing system packages. Run:"; echo "  sudo apt-get install -y $$missing"; exit 1; \
	  fi; \
	fi
	@command -v node >/dev/null || { echo "Node.js 20 or newer is needed (https://nodejs.org or your package manager)"; exit 1; }
	@node -e 'process.exit(parseInt(process.versions.node) >= 20 ? 0 : 1)' || { echo "Node.js 20 or newer is needed; found $$(node --version)"; exit 1; }

rust-deps:
	@command -v cargo >/dev/null || { echo "Rust is needed: https://rustup.rs"; exit 1; }
	@command -v tauri-driver >/dev/null || { echo "Installing tauri-driver"; cargo install tauri-driver --locked --version ^2 --quiet; }

ui-deps: ui/node_modules/.package-lock.json

ui/node_modules/.package-lock.json: ui/package.json ui/package-lock.json
	npm --prefix ui ci --no-audit --no-fund
	@touch $@

## ---- build and run --------------------------------------------------------------------
ui: ui-deps
	npm --prefix ui run build

app: ui
	cargo build --release -p concord-desktop

run: deps app
	@echo "Opening Concord (demo database on first start; CONCORD_DB=FILE opens another)"
	$(APP)

## ---- packaging -----------------------------------------------------------------------------
# Every icon size the bundles take, drawn from the one SVG (Debian's librsvg2-bin). The PNGs
# are committed: the window's own icon is compiled in from them.
icons:
	for s in 32 64 128; do rsvg-convert -w $$s -h $$s src-tauri/icons/concord.svg -o src-tauri/icons/$${s}x$${s}.png; done
	rsvg-convert -w 256 -h 256 src-tauri/icons/concord.svg -o src-tauri/icons/256x256.png
	rsvg-convert -w 512 -h 512 src-tauri/icons/concord.svg -o src-tauri/icons/icon.png

# The .deb and .rpm (target/release/bundle/): the window and the `concord` command in /usr/bin,
# desktop entry, icons, the .concord file type; dependencies for apt and dnf to resolve.
bundle: deps ui
	ui/node_modules/.bin/tauri build --bundles deb,rpm
	@ls -l target/release/bundle/deb/*.deb target/release/bundle/rpm/*.rpm

# The .deb installed on a clean Debian 12 root made with debootstrap (needs root).
package-test: bundle
	tests/packaging/clean_root.sh

## ---- tests --------------------------------------------------------------------------------
test: deps test-servers lint rust-test app check-bindings ui-test e2e package-test
	@echo "make test: all checks passed"

lint: ui  # clippy compiles the desktop crate, which embeds ui/dist
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p concord-desktop --features bindings --bin concord-bindings -- -D warnings

# The servers the sync tests start and stop on 127.0.0.1: WebDAV (Debian's rclone) and S3
# (moto's server, from PyPI, in a virtualenv of its own under target/).
SERVERS_VENV := target/servers/venv
test-servers:
	@command -v rclone >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq rclone >/dev/null; \
	  else echo "The sync tests need rclone. Run:"; echo "  sudo apt-get install -y rclone"; exit 1; fi; }
	@[ -x $(SERVERS_VENV)/bin/python ] && $(SERVERS_VENV)/bin/python -c 'import moto.server' 2>/dev/null || { \
	  echo "Installing moto's S3 server into $(SERVERS_VENV)"; \
	  python3 -m venv $(SERVERS_VENV) && \
	  $(SERVERS_VENV)/bin/pip install --quiet --disable-pip-version-check 'moto[server]>=5,<6'; }

rust-test:
	cargo test -p concord-core -p concord-cli

ui-test: ui-deps
	npm --prefix ui run lint
	npm --prefix ui run check
	npm --prefix ui test

# The UI's TypeScript types and its typed calls are generated from the Rust types and the
# command declarations; committed copies (and the capability build.rs writes) must match.
bindings:
	rm -rf ui/src/lib/bindings
	cargo test -p concord-core --lib export_bindings --quiet >/dev/null
	cargo run --release --quiet -p concord-desktop --features bindings --bin concord-bindings -- ui/src/lib/bindings

check-bindings: bindings
	@if [ -n "$$(git status --porcelain -- ui/src/lib/bindings src-tauri/capabilities)" ]; then \
	  echo "ui/src/lib/bindings or the capability is stale: run 'make bindings' and commit the result"; \
	  git status --porcelain -- ui/src/lib/bindings src-tauri/capabilities; exit 1; \
	fi

# kill -9 at random moments during imports, a migration and captures, 100 times each
# (make test does 20); every file must pass integrity_check, every operation whole or absent.
crash-test:
	CONCORD_CRASH_RUNS=100 cargo test --release -p concord-cli --test crash -- --nocapture

# The end-to-end tests drive a build with the `e2e` feature (test paths stand in for the
# native dialogs), kept apart as target/e2e/concord-desktop; a release build never has it.
e2e-app: ui
	cargo build --release -p concord-desktop --features e2e
	mkdir -p target/e2e && cp target/release/concord-desktop target/e2e/concord-desktop

e2e: e2e-app
	xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
	  cargo test -p concord-e2e --test window --test workspace --test changes --test drafts --test start \
	  --test capability --test network --test instance --test team --test catalog --test coalitions --test imports --test menu \
	  -- --test-threads=1

# The user guide's pictures (docs/guide/img/), taken from the real window by the end-to-end
# tests; run it when the window changes, look at them, and commit them.
GUIDE_SHOTS := capture-picker-open import-problems drafts-side-by-side drafts-ledger drafts-risk \
	changes matrix team-webdav-setup team-sync-conflict
guide-shots: e2e-app test-servers
	rm -rf target/shots
	CONCORD_SHOTS=$(CURDIR)/target/shots xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
	  cargo test -p concord-e2e --test window --test workspace --test drafts --test changes \
	  --test team --test imports -- --test-threads=1
	for s in $(GUIDE_SHOTS); do cp target/shots/$$s.png docs/guide/img/; done

# Prints each figure beside its anchor measured in the same run, and keeps them in
# target/bench/summary.md: the real import path beside sqlite3's own .import of the same CSV
# into a bare table; the views at 1.08 M positions (the first run generates
# target/bench/generated-1m.concord, minutes) beside the session diff as one SQL query in the
# sqlite3 shell; the revision diff beside git's word diff.
SUMMARY = target/bench/summary.md
bench:
	@mkdir -p target/bench
	@echo "# Concord benchmarks, $$(date -u +%Y-%m-%dT%H:%MZ), $$(nproc) cores" > $(SUMMARY)
	@echo '```' >> $(SUMMARY)
	set -o pipefail; cargo bench -p concord-core --bench save | tee -a $(SUMMARY)
	set -o pipefail; cargo bench -p concord-core --bench import | tee -a $(SUMMARY)
	@rm -f target/bench/bare.sqlite
	@echo "sqlite3 .import of the same 100 000-row CSV into a bare table:" | tee -a $(SUMMARY)
	@set -o pipefail; /usr/bin/time -f "  %e s wall" sqlite3 target/bench/bare.sqlite \
	  "$(BARE_TABLE)" ".import --csv --skip 1 target/bench/positions-100k.csv p" "SELECT count(*) || ' rows' FROM p;" 2>&1 | tee -a $(SUMMARY)
	@set -o pipefail; $(MAKE) --no-print-directory bench-import-1m 2>&1 | tee -a $(SUMMARY)
	set -o pipefail; cargo bench -p concord-core --bench views | tee -a $(SUMMARY)
	@echo "The same session diff as one SQL query, in the sqlite3 shell (second run is warm):" | tee -a $(SUMMARY)
	@set -o pipefail; sqlite3 -readonly target/bench/generated-1m.concord < target/bench/session-diff.sql | tee -a $(SUMMARY)
	@$(MAKE) --no-print-directory bench-size | tee -a $(SUMMARY)
	set -o pipefail; cargo bench -p concord-core --bench revisions | tee -a $(SUMMARY)
	set -o pipefail; cargo bench -p concord-core --bench coalitions | tee -a $(SUMMARY)
	@set -o pipefail; $(MAKE) --no-print-directory bench-merge 2>&1 | tee -a $(SUMMARY)
	@set -o pipefail; $(MAKE) --no-print-directory bench-window 2>&1 | tee -a $(SUMMARY)
	@set -o pipefail; $(MAKE) --no-print-directory bench-convergence 2>&1 | tee -a $(SUMMARY)
	@echo '```' >> $(SUMMARY)
	@echo "Written to $(SUMMARY)"

# A million positions (the 100 000-row CSV ten times) through the whole `concord import
# positions` process, beside sqlite3's .import of the same CSV into a bare table: time and
# peak memory of each.
BARE_TABLE := CREATE TABLE p (actor TEXT, session TEXT, topic TEXT, stance TEXT, summary TEXT, quote TEXT, source TEXT);
bench-import-1m:
	@[ -f target/bench/positions-100k.csv ] || cargo bench -p concord-core --bench import -- --test >/dev/null
	@cargo build --release --quiet -p concord-cli
	@{ head -1 target/bench/positions-100k.csv; for i in 1 2 3 4 5 6 7 8 9 10; do \
	  tail -n +2 target/bench/positions-100k.csv; done; } > target/bench/positions-1m.csv
	@rm -f target/bench/import-1m.concord* target/bench/bare-import-1m.sqlite
	@target/release/concord --db target/bench/import-1m.concord init >/dev/null
	@/usr/bin/time -f "concord import positions of 1 000 000 rows: %e s wall, %M KB peak" \
	  target/release/concord --db target/bench/import-1m.concord import positions target/bench/positions-1m.csv >/dev/null
	@/usr/bin/time -f "sqlite3 .import of the same CSV into a bare table: %e s wall, %M KB peak" \
	  sqlite3 target/bench/bare-import-1m.sqlite "$(BARE_TABLE)" ".import --csv --skip 1 target/bench/positions-1m.csv p"
	@echo "file after the import: $$(($$(du -cb target/bench/import-1m.concord* | tail -1 | cut -f1) / 1048576)) MB; the bare table: $$(($$(stat -c %s target/bench/bare-import-1m.sqlite) / 1048576)) MB"
	@rm -f target/bench/import-1m.concord* target/bench/bare-import-1m.sqlite target/bench/positions-1m.csv

# The randomised convergence run at 3, 10 and 30 replicas (10 000 operations each, release):
# every replica ends with one digest and nothing lost; the times are printed beside each other.
bench-convergence:
	CONVERGENCE_OPERATIONS=10000 cargo test --release -q -p concord-core --test convergence -- \
	  --nocapture --test-threads=1 2>&1 | grep -E "replicas, |test result"

# Merging two copies that grew apart (benches/merge.rs builds them): `concord merge`, whole
# process, beside sqlite3 copying the same position rows from one file to the other.
MERGE_POSITIONS ?= 1000000
bench-merge:
	MERGE_POSITIONS=$(MERGE_POSITIONS) cargo bench -p concord-core --bench merge
	cargo build --release -p concord-cli
	@cp target/bench/merge-ours.concord target/bench/merge-ours-sql.concord
	@# Opened once first, as a user's own file has been: the first opening of a file from
	@# another installation checks it (quick_check), which is not the merge's work.
	@target/release/concord --db target/bench/merge-ours.concord team status >/dev/null
	@/usr/bin/time -f "concord merge: %e s wall, %M KB peak" target/release/concord \
	  --db target/bench/merge-ours.concord merge target/bench/merge-theirs.concord
	@/usr/bin/time -f "sqlite3 INSERT … SELECT of the same positions: %e s wall, %M KB peak" sqlite3 \
	  target/bench/merge-ours-sql.concord "ATTACH 'target/bench/merge-theirs.concord' AS t;" \
	  "CREATE TABLE p AS SELECT * FROM t.position WHERE 0;" \
	  "INSERT INTO p SELECT * FROM t.position;" "SELECT count(*) || ' rows copied' FROM p;"
	@rm -rf target/bench/team-folder && mkdir -p target/bench/team-folder
	@target/release/concord --db target/bench/merge-theirs.concord team create --store target/bench/team-folder >/dev/null
	@/usr/bin/time -f "concord sync, sending every change set of that copy: %e s wall, %M KB peak" \
	  target/release/concord --db target/bench/merge-theirs.concord sync
	@echo "on the store: $$(du -sk target/bench/team-folder | cut -f1) KB in all; the last set (the 10 000 edits): $$(($$(stat -c %s $$(ls -d target/bench/team-folder/changes/*/* | sort | tail -1)) / 1024)) KB"
	@rm -rf target/bench/dav && mkdir -p target/bench/dav; \
	rclone serve webdav target/bench/dav --addr 127.0.0.1:18321 --user bench --pass bench \
	  --config /dev/null >/dev/null 2>&1 & dav=$$!; trap "kill $$dav" EXIT; \
	for i in $$(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/18321) 2>/dev/null && break; sleep 0.1; done; \
	export CONCORD_TEAM_PASSWORD=bench; \
	target/release/concord --db target/bench/merge-theirs.concord team create \
	  --store http://127.0.0.1:18321/team/ --user bench >/dev/null; \
	/usr/bin/time -f "concord sync to WebDAV (rclone serve webdav on 127.0.0.1), the same sets: %e s wall, %M KB peak" \
	  target/release/concord --db target/bench/merge-theirs.concord sync

# The window on the 1.08 M-position file (made by the views bench) beside a bare Tauri 2
# window (bench/bare-window), both through tauri-driver under Xvfb: opening, memory, views.
bench-window: e2e-app
	@[ -f target/bench/generated-1m.ready ] || cargo bench -p concord-core --bench views >/dev/null
	cargo build --release -p bare-window
	CONCORD_BENCH_FILE=target/bench/generated-1m.concord xvfb-run -a -s "-screen 0 1280x800x24" \
	  dbus-run-session -- cargo bench -p concord-e2e --bench window

# The 1.08 M-position file beside a bare table of the same rows (names and texts as text, no
# index), built by sqlite3 from the file itself.
bench-size:
	@rm -f target/bench/bare-1m.sqlite
	@sqlite3 target/bench/bare-1m.sqlite \
	  "ATTACH 'file:target/bench/generated-1m.concord?mode=ro' AS c;" \
	  "CREATE TABLE p (actor TEXT, session TEXT, topic TEXT, stance TEXT, summary TEXT, quote TEXT, source TEXT);" \
	  "INSERT INTO p SELECT a.name, s.title, coalesce(t.name, r.name, v.label), x.stance, x.summary, x.quote, \
	     coalesce(src.citation, '') FROM c.position AS x JOIN c.actor AS a ON a.id = x.actor_id \
	     JOIN c.session AS s ON s.id = x.session_id LEFT JOIN c.topic AS t ON t.id = x.topic_id \
	     LEFT JOIN c.proposal AS r ON r.id = x.proposal_id LEFT JOIN c.provision AS v ON v.id = x.provision_id \
	     LEFT JOIN c.source AS src ON src.id = x.source_id;"
	@echo "file size, 1.08 M positions: $$(($$(stat -c %s target/bench/generated-1m.concord) / 1000000)) MB;" \
	  "bare table of the same rows: $$(($$(stat -c %s target/bench/bare-1m.sqlite) / 1000000)) MB"

# Runs every fuzz target for FUZZ_SECONDS (nightly and cargo-fuzz: `cargo install cargo-fuzz`),
# then minimises its corpus; a crash stops here and leaves its input in fuzz/artifacts/, which
# `make test` replays from then on. Commit fuzz/corpus and fuzz/artifacts afterwards.
FUZZ_SECONDS ?= 600
FUZZ_TARGETS = positions_csv positions_json import_all draft_text docx pdf align
fuzz:
	for t in $(FUZZ_TARGETS); do \
	  cargo +nightly fuzz run $$t -- -max_total_time=$(FUZZ_SECONDS) -timeout=25 \
	    -rss_limit_mb=2560 -max_len=16384 -print_final_stats=1 || exit 1; \
	  cargo +nightly fuzz cmin $$t -- -max_len=16384 || exit 1; \
	done

clean:
	cargo clean
	rm -rf ui/dist ui/node_modules
