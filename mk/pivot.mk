# mk/pivot.mk -- the cross-lingual pivot dictionaries (data/pivot.c).
#
#   make tools-pivot LDFLAGS=...   fetch the FreeDict packages below into a
#                                  cache outside the repo, rebuild data/pivot.c
#
# TIDINGS_SOURCES picks the cache folder (default /tmp/tidings-sources).
# The generator links libtidings.a so that dictionary words are tokenised and
# stemmed by the very code that analyses articles.

# X-English dictionaries (headword -> English) and English-X ones (inverted);
# LANG=package-suffix. The English lexicon translations must belong to is
# made of the headwords of PIVOT_LEX. Serbian and Croatian share one table,
# "hr" (src/story/pivot.c reads Serbian and Bosnian through it): the text
# analyser stems all three with Snowball's Serbian stemmer, which also
# writes Cyrillic in Latin letters, so their stems are one set.
PIVOT_FWD := de=deu-eng fr=fra-eng it=ita-eng es=spa-eng pt=por-eng \
	pl=pol-eng nl=nld-eng tr=tur-eng cs=ces-eng sk=slk-eng ar=ara-eng \
	sv=swe-eng da=dan-eng fi=fin-eng hu=hun-eng el=ell-eng \
	hr=hrv-eng hr=srp-eng sl=slv-eng lt=lit-eng ja=jpn-eng
PIVOT_INV := fr=eng-fra it=eng-ita es=eng-spa pt=eng-por ru=eng-rus \
	no=eng-nor hi=eng-hin id=eng-ind tr=eng-tur cs=eng-ces ar=eng-ara \
	hr=eng-hrv hr=eng-srp lt=eng-lit ja=eng-jpn
PIVOT_LEX := eng-fra eng-ita eng-spa eng-por eng-rus eng-nor eng-hin \
	eng-ind eng-tur eng-ces eng-ara
# Dictionaries between two other languages, chained through the first
# one's table (LANG=package:PIVOT-LANG): Russian through German, Polish,
# Greek, Dutch, French, Italian and Swedish (WikDict).
PIVOT_VIA := ru=deu-rus:de ru=pol-rus:pl ru=ell-rus:el ru=nld-rus:nl \
	ru=fra-rus:fr ru=ita-rus:it ru=swe-rus:sv
PIVOT_PKGS := $(foreach s,$(PIVOT_FWD) $(PIVOT_INV) $(PIVOT_VIA),\
	dict-freedict-$(firstword $(subst :, ,$(word 2,$(subst =, ,$(s))))))

.PHONY: tools-pivot
tools: tools-pivot

$(BUILD)/tools/gen_pivot: tools/gen_pivot.c $(BUILD)/libtidings.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libtidings.a $(ALL_LDFLAGS) \
		$(PKG_LIBS)

tools-pivot: $(BUILD)/tools/gen_pivot
	d=$$(sh tools/fetch-pivot-sources.sh $(sort $(PIVOT_PKGS))) && \
	$(BUILD)/tools/gen_pivot data/pivot.c.tmp \
		$(foreach s,$(PIVOT_LEX),lex:$$d/freedict-$(s)) \
		$(foreach s,$(PIVOT_FWD),$(word 1,$(subst =, ,$(s))):fwd:$$d/freedict-$(word 2,$(subst =, ,$(s)))) \
		$(foreach s,$(PIVOT_INV),$(word 1,$(subst =, ,$(s))):inv:$$d/freedict-$(word 2,$(subst =, ,$(s)))) \
		$(foreach s,$(PIVOT_VIA),$(word 1,$(subst =, ,$(s))):via-$(word 3,$(subst :, ,$(subst =, ,$(s)))):$$d/freedict-$(word 2,$(subst :, ,$(subst =, ,$(s))))) && \
	mv data/pivot.c.tmp data/pivot.c
