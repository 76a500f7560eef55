# mk/serve.mk -- tidings serve: the web page built into the binary, and the
# HTTP load test.
#
#   make web-assets   regenerate src/server/web_assets.c from web/ (also done
#                     on its own when a file under web/ changes)
#   make bench-serve  load test: concurrent clients on loopback against
#                     /api/stories and /api/health; prints requests/s, p99

WEB_FILES := index.html app.js style.css

.PHONY: web-assets bench-serve

$(BUILD)/tools/gen_web_assets: tools/gen_web_assets.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(ALL_LDFLAGS)

src/server/web_assets.c: $(addprefix web/,$(WEB_FILES)) tools/gen_web_assets.c
	$(MAKE) --no-print-directory $(BUILD)/tools/gen_web_assets
	$(BUILD)/tools/gen_web_assets $@ web $(WEB_FILES)

web-assets: src/server/web_assets.c

$(BUILD)/bench/bench_serve: bench/bench_serve.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(ALL_LDFLAGS) $(PKG_LIBS)

bench-build: $(BUILD)/bench/bench_serve

bench-serve: $(BUILD)/tidings $(BUILD)/bench/bench_serve
	$(BUILD)/bench/bench_serve $${TIDINGS_SHARED:-../shared} \
		$(BUILD)/tidings
