# tidings -- GNU make build.
#
#   make            build build/tidings and build/libtidings.{a,so}
#   make demo       install missing packages, build, ingest examples/
#   make check      install missing packages; all tests with gcc, then again
#                   built by clang under AddressSanitizer + UBSan, the
#                   threaded ones under ThreadSanitizer (mk/speed.mk)
#   make bench      benchmarks (throughput, language id vs CLD2)
#   make tools      the generators that build data/ (see data/SOURCES.md)
#
# BUILD selects the output folder; SAN=1 adds the sanitizers. Both storage
# backends (src/store/sqlite.c, postgres.c) are always built; the database
# argument picks one at run time (src/store/store.c).

BUILD ?= build
SAN ?= 0

PKGS := icu-uc icu-i18n sqlite3 libpq jansson libxml-2.0 zlib libcurl libmicrohttpd
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lstemmer -lm -lpthread -ldl

WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes -Werror
CFLAGS ?= -O2 -g
ALL_CFLAGS := -std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) \
	-fvisibility=hidden -fPIC -Iinclude -Isrc $(PKG_CFLAGS) $(CFLAGS)
ALL_LDFLAGS := $(LDFLAGS)
ifeq ($(SAN),1)
ALL_CFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer -O1
ALL_LDFLAGS += -fsanitize=address,undefined
endif

LIB_SRC := $(sort $(wildcard src/core/*.c src/text/*.c src/lang/*.c \
	src/clean/*.c src/entity/*.c src/ingest/*.c src/engine/*.c src/story/*.c \
	src/store/*.c data/*.c))
CLI_SRC := $(sort $(wildcard src/cli/*.c))
SERVER_SRC := $(sort $(wildcard src/server/*.c))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))

LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/obj/%.o) $(SERVER_SRC:%.c=$(BUILD)/obj/%.o)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps demo check test test-build bench bench-build clean format
all: $(BUILD)/tidings $(BUILD)/libtidings.so

deps:
	@sh tools/install-deps.sh

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/libtidings.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/libtidings.so: $(LIB_OBJ)
	$(CC) -shared -o $@ $^ $(ALL_LDFLAGS) $(PKG_LIBS)

$(BUILD)/tidings: $(CLI_OBJ) $(BUILD)/libtidings.a
	$(CC) -o $@ $(CLI_OBJ) $(BUILD)/libtidings.a $(ALL_LDFLAGS) $(PKG_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libtidings.a tests/unit/testutil.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(BUILD)/libtidings.a \
		$(ALL_LDFLAGS) $(PKG_LIBS) -lcmocka

test-build: $(BUILD)/tidings $(UNIT_BIN)

test: test-build
	@sh tests/run.sh $(BUILD)

check: deps
	$(MAKE) BUILD=build CC=gcc test
	$(MAKE) BUILD=build-san CC=clang SAN=1 test
	$(MAKE) check-tsan
	$(MAKE) check-fuzz

demo: deps
	$(MAKE) BUILD=build $(BUILD)/tidings
	@sh examples/demo.sh build/tidings

$(BUILD)/bench/bench_ingest: bench/bench_ingest.c $(BUILD)/libtidings.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libtidings.a $(ALL_LDFLAGS) $(PKG_LIBS)

bench-build: all $(BUILD)/bench/bench_ingest

bench: deps
	$(MAKE) BUILD=build-bench CFLAGS="-O2 -g -DNDEBUG" bench-build
	@sh bench/run.sh build-bench

clean:
	rm -rf build build-san build-bench build-fuzz build-tsan

format:
	clang-format -i include/*.h $(shell find src tests tools bench -name '*.[ch]')

# Each module may add its own targets (generators, fuzzers, benchmarks).
include $(sort $(wildcard mk/*.mk))

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
