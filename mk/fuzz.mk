# mk/fuzz.mk -- libFuzzer targets over the whole library: the JSON Lines
# reader and format detection, text cleaning, language id, tokenising,
# entity extraction, date parsing, the search query parser, the HTTP API's
# parameter parsing, td_analyze, and ingest into a real store.
#
#   make fuzz           runs these too, FUZZ_LONG_SECONDS each (default 600)
#   make check-fuzz     runs each FUZZ_CHECK_SECONDS (default 5): with the
#                       readers' three targets in mk/web.mk the fuzzing in
#                       make check stays under two minutes
#   make fuzz-lib-build the instrumented library only
#
# The library is built once more by clang with -fsanitize=fuzzer-no-link,
# address,undefined into build-fuzz/lib/, and every target links it. Seeds
# are in fuzz/corpus/<name>/ (committed); new finds go to
# build-fuzz/corpus/<name>/, never into the committed corpus.

# The same folder and compiler as mk/web.mk's (included after this file).
FUZZ_BUILD := build-fuzz
FUZZ_CC ?= clang
FUZZ_LONG_SECONDS ?= 600
FUZZ_CHECK_SECONDS ?= 5
FUZZ_LIB_TARGETS := fuzz_jsonl fuzz_clean fuzz_langid fuzz_tokens \
	fuzz_entities fuzz_dates fuzz_query fuzz_api fuzz_analyze fuzz_ingest
FUZZ_LIB_FLAGS := -std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	$(WARN) -Iinclude -Isrc -Ifuzz $(PKG_CFLAGS) -g -O1 \
	-fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_LIB_SRC := $(LIB_SRC) src/server/api.c src/server/pool.c \
	src/server/http_util.c
FUZZ_LIB_OBJ := $(FUZZ_LIB_SRC:%.c=$(FUZZ_BUILD)/lib/%.o)
# make check runs check-fuzz as its own make: the short time is chosen by
# the goal, so that `make fuzz` alone runs long.
FUZZ_LIB_SECONDS := $(if $(filter check check-fuzz,$(MAKECMDGOALS)),$(FUZZ_CHECK_SECONDS),$(FUZZ_LONG_SECONDS))

.PHONY: fuzz-lib-build fuzz-lib

$(FUZZ_BUILD)/lib/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_LIB_FLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

$(FUZZ_BUILD)/libtidings-fuzz.a: $(FUZZ_LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(FUZZ_LIB_TARGETS:%=$(FUZZ_BUILD)/fuzz/%): $(FUZZ_BUILD)/fuzz/%: fuzz/%.c \
		$(FUZZ_BUILD)/libtidings-fuzz.a fuzz/fuzz_util.h fuzz/fuzz_sink.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_LIB_FLAGS) -fsanitize=fuzzer -o $@ $< \
		$(FUZZ_BUILD)/libtidings-fuzz.a $(PKG_LIBS)

fuzz-lib-build: $(FUZZ_LIB_TARGETS:%=$(FUZZ_BUILD)/fuzz/%)

fuzz-lib: fuzz-lib-build
	@for t in $(FUZZ_LIB_TARGETS); do \
		c=fuzz/corpus/$${t#fuzz_}; w=$(FUZZ_BUILD)/corpus/$${t#fuzz_}; \
		mkdir -p $$w; log=$(FUZZ_BUILD)/$$t.log; \
		echo "== $$t ($(FUZZ_LIB_SECONDS) s, seeds in $$c)"; \
		if ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
			$(FUZZ_BUILD)/fuzz/$$t \
			-max_total_time=$(FUZZ_LIB_SECONDS) -max_len=16384 -timeout=20 \
			-rss_limit_mb=2048 -print_final_stats=1 \
			-artifact_prefix=$(FUZZ_BUILD)/$$t- $$w $$c >$$log 2>&1; then \
			grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss_mb)' $$log; \
		else \
			tail -n 40 $$log; echo "$$t: FAILED (see $$log)"; exit 1; \
		fi; \
	done

fuzz: fuzz-lib
check-fuzz: fuzz-lib

-include $(shell find $(FUZZ_BUILD)/lib -name '*.d' 2>/dev/null)
