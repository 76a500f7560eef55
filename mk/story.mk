# mk/story.mk -- story quality beyond the dev sets' own labels.
#
#   make eval-translations   the dev sets with Apertium translations mixed in
#                            (tools/make_translations.py): translation
#                            detection P/R and stories, beside the plain
#                            dev sets' figures in the same run
#   make fit-translations    refit data/translation.c on those files
#                            (tools/fit_translations.py, python3-sklearn)
#   make fit-stories         refit data/weights.c (tools/fit_weights.py)
#
# Apertium is installed here, not by `make check`: the engine never uses it.

APERTIUM_PKGS := apertium apertium-eng-spa apertium-spa-ita
EVAL_DIR := $(BUILD)/eval

.PHONY: eval-translations fit-translations fit-stories apertium-deps
apertium-deps:
	@missing=""; for p in $(APERTIUM_PKGS) python3-sklearn; do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then apt-get install -y $$missing; fi

$(EVAL_DIR)/%-tr.jsonl: ../shared/data/%/articles.jsonl tools/make_translations.py
	@mkdir -p $(EVAL_DIR)
	/usr/bin/python3 tools/make_translations.py $< $@

eval-translations: deps apertium-deps $(BUILD)/tidings $(EVAL_DIR)/dev-tr.jsonl $(EVAL_DIR)/dev2-tr.jsonl
	@for s in dev dev2; do \
	  echo "== $$s (baseline: as labelled)"; \
	  $(BUILD)/tidings eval --gold ../shared/data/$$s/articles.jsonl | sed -n '2,6p'; \
	  echo "== $$s with Apertium translations"; \
	  $(BUILD)/tidings eval --gold $(EVAL_DIR)/$$s-tr.jsonl | sed -n '1,6p'; \
	done

fit-translations: deps apertium-deps $(EVAL_DIR)/dev-tr.jsonl $(EVAL_DIR)/dev2-tr.jsonl
	/usr/bin/python3 tools/fit_translations.py

fit-stories: deps apertium-deps
	/usr/bin/python3 tools/fit_weights.py
