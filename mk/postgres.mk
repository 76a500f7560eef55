# mk/postgres.mk -- the PostgreSQL backend's tests and benchmark.
#
#   make check-postgres   the CLI and HTTP API suites and the many-writer
#                         test against PostgreSQL on a throw-away server
#                         (tests/pg/run.sh); part of make check
#   make bench-postgres   ingest with 1, 2 and 4 writer processes into
#                         PostgreSQL against one into SQLite, statements
#                         per article, lock wait, search latency on both
#                         (bench/bench_postgres.sh)

.PHONY: check-postgres bench-postgres
check: check-postgres

check-postgres: deps
	$(MAKE) BUILD=build CC=gcc build/tidings
	@sh tests/pg/run.sh build

bench-postgres: deps
	$(MAKE) BUILD=build-bench CFLAGS="-O2 -g -DNDEBUG" build-bench/tidings
	@sh bench/bench_postgres.sh build-bench
