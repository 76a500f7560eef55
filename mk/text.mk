# mk/text.mk -- the text module's generator (stop words).
#
#   make tools-stopwords   fetch stopwords-iso from npm into a cache outside
#                          the repo, rebuild data/stopwords.c
#
# TIDINGS_SOURCES picks the cache folder (default /tmp/tidings-sources).

STOPWORDS_ISO_VERSION ?= 1.1.0

.PHONY: tools tools-stopwords
tools: tools-stopwords

$(BUILD)/tools/gen_stopwords: tools/gen_stopwords.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(ALL_LDFLAGS) $(PKG_LIBS)

tools-stopwords: $(BUILD)/tools/gen_stopwords
	json=$$(STOPWORDS_ISO_VERSION=$(STOPWORDS_ISO_VERSION) \
		sh tools/fetch-stopwords.sh) && \
	$(BUILD)/tools/gen_stopwords "$$json" data/stopwords.c \
		$(STOPWORDS_ISO_VERSION)
