# mk/speed.mk -- threads and scale (issue 12).
#
#   make check-tsan    the threaded tests (worker pool, ingest --jobs, the server,
#                      concurrent writers) built by clang under
#                      ThreadSanitizer; part of make check
#   make bench-scale   the ingest benchmark at 1,000,000 articles (not in
#                      check; long). BENCH_SCALE_ARTICLES overrides the count.
#
# TSAN=1 adds ThreadSanitizer to a build (as SAN=1 adds ASan + UBSan).

TSAN ?= 0
ifeq ($(TSAN),1)
ALL_CFLAGS += -fsanitize=thread -fno-omit-frame-pointer -O1
ALL_LDFLAGS += -fsanitize=thread
endif

.PHONY: check-tsan bench-scale
check-tsan:
	$(MAKE) BUILD=build-tsan CC=clang TSAN=1 build-tsan/tidings \
		build-tsan/tests/test_pool build-tsan/tests/test_reading
	@sh tests/run_tsan.sh build-tsan

bench-scale: deps
	$(MAKE) BUILD=build-bench CFLAGS="-O2 -g -DNDEBUG" bench-build
	BENCH_ARTICLES=$${BENCH_SCALE_ARTICLES:-1000000} BENCH_SCALE=1 \
		sh bench/run.sh build-bench
