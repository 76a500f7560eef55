# mk/pivot.mk -- the cross-lingual pivot dictionaries (data/pivot.c).
#
#   make tools-pivot LDFLAGS=...   fetch the FreeDict packages below into a
#                                  cache outside the repo, rebuild data/pivot.c
#
# TIDINGS_SOURCES picks the cache folder (default /tmp/tidings-sources).
# The generator links libtidings.a so that dictionary words are tokenised and
# stemmed by the very code that analyses articles.

# X-English dictionaries (headword -> English) and English-X ones (inverted);
# the English-X headwords also form the English lexicon translations must
# belong to. LANG=package-suffix.
PIVOT_FWD := de=deu-eng fr=fra-eng it=ita-eng es=spa-eng pt=por-eng \
	pl=pol-eng nl=nld-eng tr=tur-eng cs=ces-eng sk=slk-eng ar=ara-eng \
	sv=swe-eng da=dan-eng fi=fin-eng hu=hun-eng el=ell-eng
PIVOT_INV := fr=eng-fra it=eng-ita es=eng-spa pt=eng-por ru=eng-rus \
	no=eng-nor hi=eng-hin id=eng-ind tr=eng-tur cs=eng-ces ar=eng-ara
PIVOT_PKGS := $(foreach s,$(PIVOT_FWD) $(PIVOT_INV),\
	dict-freedict-$(word 2,$(subst =, ,$(s))))

.PHONY: tools-pivot
tools: tools-pivot

$(BUILD)/tools/gen_pivot: tools/gen_pivot.c $(BUILD)/libtidings.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libtidings.a $(ALL_LDFLAGS) \
		$(PKG_LIBS)

tools-pivot: $(BUILD)/tools/gen_pivot
	d=$$(sh tools/fetch-pivot-sources.sh $(sort $(PIVOT_PKGS))) && \
	$(BUILD)/tools/gen_pivot data/pivot.c.tmp \
		$(foreach s,$(PIVOT_INV),lex:$$d/freedict-$(word 2,$(subst =, ,$(s)))) \
		$(foreach s,$(PIVOT_FWD),$(word 1,$(subst =, ,$(s))):fwd:$$d/freedict-$(word 2,$(subst =, ,$(s)))) \
		$(foreach s,$(PIVOT_INV),$(word 1,$(subst =, ,$(s))):inv:$$d/freedict-$(word 2,$(subst =, ,$(s)))) && \
	mv data/pivot.c.tmp data/pivot.c
