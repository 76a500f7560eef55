# mk/serve.mk -- tidings serve: the web page built into the binary, and the
# HTTP load test.
#
#   make web-assets   regenerate src/server/web_assets.c from web/ (also done
#                     on its own when a file under web/ changes)
#   make bench-serve  load test: concurrent clients on loopback against
#                     /api/stories and /api/health; prints requests/s, p99;
#                     then bench_latency: the analyst's endpoints one
#                     request at a time at 100,000 articles (the store is
#                     built once and kept, see bench/bench_latency.c)

WEB_FILES := index.html app.js style.css

.PHONY: web-assets bench-serve

$(BUILD)/tools/gen_web_assets: tools/gen_web_assets.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(ALL_LDFLAGS)

src/server/web_assets.c: $(addprefix web/,$(WEB_FILES)) tools/gen_web_assets.c
	$(MAKE) --no-print-directory $(BUILD)/tools/gen_web_assets
	$(BUILD)/tools/gen_web_assets $@ web $(WEB_FILES)

web-assets: src/server/web_assets.c

$(BUILD)/bench/bench_serve: bench/bench_serve.c bench/proc_cpu.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(ALL_LDFLAGS) $(PKG_LIBS)

$(BUILD)/bench/bench_latency: bench/bench_latency.c bench/proc_cpu.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(ALL_LDFLAGS) $(PKG_LIBS)

bench-build: $(BUILD)/bench/bench_serve $(BUILD)/bench/bench_latency

bench-serve: $(BUILD)/tidings $(BUILD)/bench/bench_serve $(BUILD)/bench/bench_latency
	$(BUILD)/bench/bench_serve $${TIDINGS_SHARED:-../shared} \
		$(BUILD)/tidings
	$(BUILD)/bench/bench_latency $${TIDINGS_SHARED:-../shared} \
		$(BUILD)/tidings
