# mk/morph.mk -- inflection tables (data/morph.c) and their benchmark.
#
#   make tools-morph   rebuild data/morph.c from the Hunspell dictionaries
#                      installed under /usr/share/hunspell (the hunspell-xx /
#                      myspell-xx packages of tools/debian-packages.txt)
#   make bench-morph   td__morph_bases speed (ns/word) and, over the gold
#                      variants of ../shared/data/dev2/entities.json, how
#                      many variants reach another variant of their entity
#
# HUNSPELL_DIR picks another dictionary folder.

HUNSPELL_DIR ?= /usr/share/hunspell

.PHONY: tools-morph bench-morph
tools: tools-morph

$(BUILD)/tools/gen_morph: tools/gen_morph.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(ALL_LDFLAGS) $(PKG_LIBS)

tools-morph: $(BUILD)/tools/gen_morph
	$(BUILD)/tools/gen_morph "$(HUNSPELL_DIR)" data/morph.c

$(BUILD)/bench/bench_morph: bench/bench_morph.c $(BUILD)/libtidings.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libtidings.a $(ALL_LDFLAGS) $(PKG_LIBS)

bench-morph: $(BUILD)/bench/bench_morph
	$(BUILD)/bench/bench_morph $${TIDINGS_SHARED:-../shared}

bench-build: $(BUILD)/bench/bench_morph
