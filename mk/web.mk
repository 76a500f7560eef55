# mk/web.mk -- web ingest: fuzzers and the extraction benchmark.
#
#   make fuzz            build the libFuzzer targets (clang) and run each for
#                        FUZZ_SECONDS (default 10) on its seed corpus
#   make check-fuzz      the same, for make check
#   make bench-extract   token F1 of HTML main-text extraction on bench/extract
#
# The fuzz build lives in build-fuzz/ (clang, -fsanitize=fuzzer,address).

FUZZ_SECONDS ?= 10
FUZZ_BUILD := build-fuzz
FUZZ_CC ?= clang
FUZZ_TARGETS := fuzz_html fuzz_warc fuzz_feed
# Only the readers under test and what they call: the rest of the library
# need not be instrumented.
FUZZ_SRC := src/core/alloc.c src/core/buf.c src/text/unicode.c \
	src/core/calendar.c src/ingest/htmldate.c \
	src/ingest/html.c src/ingest/feed.c src/ingest/warc.c \
	src/ingest/fetch.c src/ingest/dispatch.c src/ingest/text.c

.PHONY: fuzz fuzz-build check-fuzz bench-extract

$(FUZZ_BUILD)/fuzz/%: fuzz/%.c $(FUZZ_SRC) fuzz/fuzz_sink.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) \
		-Iinclude -Isrc -Ifuzz $(PKG_CFLAGS) -g -O1 \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
		-o $@ $< $(FUZZ_SRC) $(PKG_LIBS)

fuzz-build: $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz/%)

# Each target runs FUZZ_SECONDS on its seeds (new finds go to build-fuzz/,
# never into the committed corpus); a crash fails the make.
fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
		c=fuzz/corpus/$${t#fuzz_}; w=$(FUZZ_BUILD)/corpus/$${t#fuzz_}; \
		mkdir -p $$w; log=$(FUZZ_BUILD)/$$t.log; \
		echo "== $$t ($(FUZZ_SECONDS) s, seeds in $$c)"; \
		if ASAN_OPTIONS=detect_leaks=1 $(FUZZ_BUILD)/fuzz/$$t \
			-max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 \
			-rss_limit_mb=2048 -print_final_stats=1 \
			-artifact_prefix=$(FUZZ_BUILD)/ $$w $$c >$$log 2>&1; then \
			grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss_mb)' $$log; \
		else \
			tail -n 40 $$log; echo "$$t: FAILED (see $$log)"; exit 1; \
		fi; \
	done

check-fuzz: fuzz

$(BUILD)/bench/bench_extract: bench/bench_extract.c $(BUILD)/libtidings.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libtidings.a $(ALL_LDFLAGS) $(PKG_LIBS)

bench-build: $(BUILD)/bench/bench_extract

# The 28 pages we wrote are the regression check; html-dev (real pages) is
# the figure, beside readability-lxml and Readability.js in the same run.
# The npm peers go into $(BUILD)/bench-node, never into the repository.
BENCH_NODE := $(BUILD)/bench-node
bench-extract: $(BUILD)/bench/bench_extract
	$(BUILD)/bench/bench_extract bench/extract
	@if [ ! -d $(BENCH_NODE)/node_modules/@mozilla/readability ] && \
	    command -v npm >/dev/null; then \
		mkdir -p $(BENCH_NODE) && npm install --silent --no-audit \
			--no-fund --prefix $(BENCH_NODE) @mozilla/readability \
			linkedom || true; \
	fi
	BENCH_NODE=$(BENCH_NODE) /usr/bin/python3 bench/extract_dev.py \
		$(BUILD)/bench/bench_extract $(if $(EXTRACT_PAGES),--pages $(EXTRACT_PAGES))
