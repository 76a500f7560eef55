# mk/entity.mk -- the entity module's generator and benchmark.
#
#   make tools-places   fetch iso-codes, libgweather-4-common, libgeonames0,
#                       libgeonames-common and Hunspell dictionaries
#                       (apt-get download) into a cache outside the repo,
#                       rebuild data/places.c from them and ICU's CLDR data
#   make bench-places   td__places_find / td__dates_find speed on the dev set
#   make bench-names    precision/recall of name-variant merging on
#                       tests/fixtures/name_variants.tsv
#   make eval-entities  look-up recall and wrong merges on both dev sets:
#                       dev2 with its own gold, dev with tests/eval's
#
# TIDINGS_SOURCES picks the cache folder (default /tmp/tidings-sources).

TIDINGS_SOURCES ?= /tmp/tidings-sources

.PHONY: tools-places bench-places bench-names eval-entities
tools: tools-places

$(BUILD)/tools/gen_places: tools/gen_places.c src/entity/placefold.c \
		src/text/stopwords.c data/stopwords.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(ALL_LDFLAGS) $(PKG_LIBS)

tools-places: $(BUILD)/tools/gen_places
	sh tools/fetch-places.sh "$(TIDINGS_SOURCES)"
	$(BUILD)/tools/gen_places "$(TIDINGS_SOURCES)" data/places.c

$(BUILD)/bench/bench_places: bench/bench_places.c $(BUILD)/libtidings.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libtidings.a $(ALL_LDFLAGS) $(PKG_LIBS)

bench-places: $(BUILD)/bench/bench_places
	$(BUILD)/bench/bench_places $${TIDINGS_SHARED:-../shared}

$(BUILD)/bench/bench_names: bench/bench_names.c $(BUILD)/libtidings.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libtidings.a $(ALL_LDFLAGS) $(PKG_LIBS)

bench-names: $(BUILD)/bench/bench_names
	$(BUILD)/bench/bench_names

bench-build: $(BUILD)/bench/bench_places $(BUILD)/bench/bench_names

SHARED ?= ../shared
eval-entities: $(BUILD)/tidings
	/usr/bin/python3 $(SHARED)/tools/score_entities.py $(BUILD)/tidings \
		$(SHARED)/data/dev2/articles.jsonl $(SHARED)/data/dev2/entities.json
	/usr/bin/python3 $(SHARED)/tools/score_entities.py $(BUILD)/tidings \
		$(SHARED)/data/dev/articles.jsonl tests/eval/dev_entities.json
