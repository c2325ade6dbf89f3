# Two commands do all set-up on a fresh Debian machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# the fonts are the corpus's faces (Calibri's and Arial's metrics): the tests draw glyphs in them and
# lay out the LibreOffice tables to check golden/printed_lo.csv, so a fresh machine needs them too
FONT_PKGS := fonts-liberation2 fonts-crosextra-carlito fonts-dejavu-core
APT_PKGS := tesseract-ocr tesseract-ocr-eng poppler-utils chromium chromium-driver $(FONT_PKGS)
# only `make corpus` needs LibreOffice: the second renderer prints Excel workbooks with it
CORPUS_APT_PKGS := libreoffice-calc $(FONT_PKGS)
CORPUS_OUT ?= corpus/full

.PHONY: demo test setup system corpus-system venv corpus bench clean doctor readme-images

demo: setup
	$(BIN)/recover run corpus/demo corpus/real --out out/
	@echo "Outputs are in out/ (series.csv, review.csv, ...): see README.md (Outputs)."

test: setup
	$(BIN)/python -m pytest

setup: system $(STAMP)

# System programs: installed with apt-get when root, otherwise the exact command is printed.
system:
	@missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing system packages:$$missing"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null) || \
	      { echo "apt-get failed; run: sudo apt-get install -y$$missing"; exit 1; }; \
	  else \
	    echo "Missing system packages:$$missing"; echo "Run: sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip >/dev/null
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

doctor: setup
	$(BIN)/recover doctor

corpus-system:
	@missing=""; for p in $(CORPUS_APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing system packages:$$missing"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null) || \
	      { echo "apt-get failed; run: sudo apt-get install -y --no-install-recommends$$missing"; exit 1; }; \
	  else \
	    echo "Missing system packages:$$missing"; echo "Run: sudo apt-get install -y --no-install-recommends$$missing"; exit 1; \
	  fi; \
	fi

# The full corpus (both renderers, every look, scans) and the holdout, then the text each
# extraction tool gives for them. See golden/README-corpus.md for what it costs.
corpus: setup corpus-system
	nice $(BIN)/python corpus/make.py --out $(CORPUS_OUT)
	nice $(BIN)/python corpus/make.py --holdout --out $(CORPUS_OUT)-holdout
	nice $(BIN)/python corpus/extract.py $(CORPUS_OUT)
	nice $(BIN)/python corpus/extract.py $(CORPUS_OUT)-holdout

# the README's pictures of the report and of a review crop, from the demo's outputs
readme-images: demo
	$(BIN)/python -m tests.browser --readme out docs/img

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf out/ .pytest_cache
