# gapscan - resume/skill-gap matching engine.
#
#   make            build build/gapscan and build/libgapscan.a
#   make demo       install missing build dependencies, build, score a sample CV
#   make test       build and run every test (unit, cases, CLI)
#   make asan       the same tests built with AddressSanitizer + UBSan
#   make fuzz       libFuzzer targets (clang), FUZZ_TIME seconds each (fuzz/README.md)
#   make valgrind   the same tests under valgrind memcheck (also: make leakcheck)
#   make bench      benchmarks (bench/all.sh): stages, grep -F baseline, batches of BENCH_N CVs
#   make gencv      build/gencv: seeded generator of CVs in five formats with their
#                   ground truth (bench/gencv.c, words in bench/gen/); feeds the
#                   accuracy test (tests/gen_accuracy.sh) and the bench scripts
#   make install    PREFIX=/usr/local DESTDIR= (binary, library, header, man page,
#                   bash completion)
#   make screenshot sample HTML reports rendered by headless Chromium into build/
#   make lint       cppcheck over engine/
#   make lexicon    regenerate lexicon/imported/ from lexicon/sources/

CC      ?= cc
BUILD   ?= build
PREFIX  ?= /usr/local
PKGS     = libxml-2.0 libpcre2-8 sqlite3 jansson libzip
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
WARN     = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2
OPT     ?= -O2 -g
SAN     ?=
CFLAGS_ALL = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(OPT) $(SAN) $(WARN) $(PKG_CFLAGS) -Iengine -I$(BUILD) $(CFLAGS)
LDLIBS_ALL = $(SAN) $(PKG_LIBS) -lm -lpthread $(LDLIBS)

LIB_SRC  = alloc text token lexicon dates extract role score jsonw render report render_html render_md engine \
           child read read_pdf read_zip read_html read_rtf read_doc read_json inspect
LIB_SRC += store
LIB_SRC += jd
LIB_OBJ  = $(LIB_SRC:%=$(BUILD)/%.o) $(BUILD)/builtin_data.o $(BUILD)/lexicon_image.o
DATA     = $(sort $(filter-out lexicon/import-rules.tsv,$(wildcard lexicon/*.tsv)) $(wildcard lexicon/imported/*.tsv)) corpus/roles/role.rng $(sort $(wildcard corpus/roles/*.xml))
HEADERS  = $(wildcard engine/*.h)
TESTS    = $(BUILD)/test_unit $(BUILD)/test_read $(BUILD)/run_cases $(BUILD)/run_labels
TESTS   += $(BUILD)/test_store
TESTS   += $(BUILD)/run_jobs
TESTS   += $(BUILD)/test_jsonw
TESTS   += $(BUILD)/test_render

TESTS   += $(BUILD)/gen_hostile $(BUILD)/store_probe

TESTS   += $(BUILD)/gencv $(BUILD)/run_generated

TESTS   += $(BUILD)/fuzz_replay

.PHONY: all demo deps lexicon tests test check asan valgrind leakcheck bench install uninstall clean lint screenshot gencv fuzz fuzz-build

all: $(BUILD)/gapscan $(BUILD)/libgapscan.a

$(BUILD)/.dir:
	@mkdir -p $(BUILD) && touch $@

$(BUILD)/embed: engine/embed.c | $(BUILD)/.dir
	$(CC) -std=c11 -O1 -Wall -Wextra -Werror -o $@ $<

$(BUILD)/builtin_data.c: $(BUILD)/embed $(DATA)
	$(BUILD)/embed $@ $(DATA)

$(BUILD)/builtin_data.o: $(BUILD)/builtin_data.c engine/builtin.h
	$(CC) -std=c11 $(OPT) $(SAN) -Wall -Wextra -Werror -Iengine -c -o $@ $<

# The built-in lexicon compiled into the arrays the engine matches with
# (lexicon_image.h): lexc loads the files embedded above, as the engine
# would, and writes those arrays out as constant data.
LEXC_OBJ = $(BUILD)/lexc.o $(BUILD)/lexicon.o $(BUILD)/token.o $(BUILD)/text.o $(BUILD)/alloc.o \
           $(BUILD)/builtin_data.o
$(BUILD)/lexc: $(LEXC_OBJ)
	$(CC) -o $@ $(LEXC_OBJ) $(SAN) -lm

$(BUILD)/lexicon_image.c: $(BUILD)/lexc
	$(BUILD)/lexc $@.tmp && mv $@.tmp $@

$(BUILD)/lexicon_image.o: $(BUILD)/lexicon_image.c $(HEADERS)
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(BUILD)/%.o: engine/%.c $(HEADERS) | $(BUILD)/.dir
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(BUILD)/libgapscan.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/gapscan: $(BUILD)/main.o $(BUILD)/libgapscan.a
	$(CC) -o $@ $^ $(LDLIBS_ALL)
# the batch side of the command line (not part of the library); the library
# comes again after it on the link line
$(BUILD)/gapscan: $(BUILD)/cli_batch.o $(BUILD)/cli_pages.o $(BUILD)/cli_rank.o
$(BUILD)/gapscan: private LDLIBS += $(BUILD)/libgapscan.a $(PKG_LIBS) -lm -lpthread

$(BUILD)/test_%: tests/test_%.c tests/harness.h $(BUILD)/libgapscan.a $(HEADERS)
	$(CC) $(CFLAGS_ALL) -Itests -o $@ $< $(BUILD)/libgapscan.a $(LDLIBS_ALL)

# test tools: the pathological inputs of tests/hostile.sh and tests/linear.sh,
# and queries against a store for tests/store_faults.sh
$(BUILD)/gen_hostile $(BUILD)/store_probe: $(BUILD)/%: tests/%.c | $(BUILD)/.dir
	$(CC) $(CFLAGS_ALL) -o $@ $< $(LDLIBS_ALL)

$(BUILD)/run_%: tests/run_%.c tests/harness.h $(BUILD)/libgapscan.a $(HEADERS)
	$(CC) $(CFLAGS_ALL) -Itests -o $@ $< $(BUILD)/libgapscan.a $(LDLIBS_ALL)

# Regenerate lexicon/imported/ from the O*NET and ESCO files in lexicon/sources/
# (a maintainer's step: the generated files are committed).
lexicon:
	python3 scripts/import_lexicon.py --sources lexicon/sources --out lexicon/imported

# Install what the build needs (Debian), or say exactly what to install.
deps:
	@sh scripts/deps.sh

demo: deps
	@$(MAKE) --no-print-directory all
	./$(BUILD)/gapscan corpus/cvs/maria-garcia.md --target vp-ai-ml --as-of 2026-11

# RUNNER lets `make valgrind` run every test binary under valgrind;
# HOSTILE_SCALE divides the sizes of tests/hostile.sh (50 MB in make test).
RUNNER ?=
HOSTILE_SCALE ?= 1
tests: $(TESTS)

test: deps
	@$(MAKE) --no-print-directory all tests
	@$(MAKE) --no-print-directory check

check:
	$(RUNNER) ./$(BUILD)/test_unit
	$(RUNNER) ./$(BUILD)/test_jsonw
	$(RUNNER) ./$(BUILD)/test_read
	$(RUNNER) ./$(BUILD)/run_cases tests/cases
	$(RUNNER) ./$(BUILD)/run_labels tests/labels/sentences.tsv
	GAPSCAN="$(RUNNER) ./$(BUILD)/gapscan" sh tests/cli.sh
	$(RUNNER) ./$(BUILD)/test_store
	GAPSCAN="$(RUNNER) ./$(BUILD)/gapscan" sh tests/batch.sh
	$(RUNNER) ./$(BUILD)/run_jobs tests/jobs
	$(RUNNER) ./$(BUILD)/test_render
	GAPSCAN="$(RUNNER) ./$(BUILD)/gapscan" sh tests/formats.sh
	GAPSCAN="$(RUNNER) ./$(BUILD)/gapscan" sh tests/man.sh
	@if command -v bash >/dev/null; then GAPSCAN=./$(BUILD)/gapscan bash tests/completion.sh; \
	else echo "completion: bash is not installed; not checked"; fi
	GAPSCAN="$(RUNNER) ./$(BUILD)/gapscan" GEN_HOSTILE=./$(BUILD)/gen_hostile \
		HOSTILE_SCALE=$(HOSTILE_SCALE) sh tests/hostile.sh
	GAPSCAN="$(RUNNER) ./$(BUILD)/gapscan" GAPSCAN_BIN=./$(BUILD)/gapscan \
		STORE_PROBE=./$(BUILD)/store_probe sh tests/store_faults.sh
	$(if $(RUNNER)$(SAN),@echo "linear: skipped in this build (make test runs it)",sh tests/linear.sh ./$(BUILD)/gapscan ./$(BUILD)/gen_hostile)
	GENCV=./$(BUILD)/gencv RUNNER="$(RUNNER)" sh tests/gen_accuracy.sh ./$(BUILD)/run_generated
	$(RUNNER) ./$(BUILD)/fuzz_replay tests/regress $(REPLAY_SEEDS)

asan:
	@$(MAKE) --no-print-directory test BUILD=build-asan OPT="-O1 -g -fno-omit-frame-pointer" \
		SAN="-fsanitize=address,undefined -fno-sanitize-recover=all" HOSTILE_SCALE=4

# memcheck over the whole suite; leakcheck is the same target
valgrind leakcheck: deps
	@command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)"; exit 1; }
	@$(MAKE) --no-print-directory all tests BUILD=build-vg OPT="-O1 -g"
	@$(MAKE) --no-print-directory check BUILD=build-vg HOSTILE_SCALE=200 \
		RUNNER="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect"

# The CV generator: a tool of the tests and benchmarks, not part of the library.
$(BUILD)/gencv: bench/gencv.c | $(BUILD)/.dir
	$(CC) $(CFLAGS_ALL) -o $@ $< $(LDLIBS_ALL)

gencv: $(BUILD)/gencv

$(BUILD)/bench_load: bench/load.c bench/bench.h $(BUILD)/libgapscan.a engine/gapscan.h
	$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libgapscan.a $(LDLIBS_ALL)

$(BUILD)/bench_stages: bench/stages.c bench/bench.h $(BUILD)/libgapscan.a $(HEADERS)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libgapscan.a $(LDLIBS_ALL)

# The curated lexicon alone, as a baseline for the load benchmark.
CURATED_DATA = $(sort $(filter-out lexicon/import-rules.tsv,$(wildcard lexicon/*.tsv))) corpus/roles/role.rng $(sort $(wildcard corpus/roles/*.xml))

# BENCH_N: CVs in the batch benchmark (the issue's figure is 100,000)
BENCH_N ?= 100000
bench: all $(BUILD)/bench_load $(BUILD)/bench_stages $(BUILD)/gencv
	@$(MAKE) --no-print-directory BUILD=build-curated DATA="$(CURATED_DATA)" build-curated/bench_load
	sh bench/all.sh $(BUILD) $(BENCH_N)

MANDIR  ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions

# ---- fuzzing: one libFuzzer target per entry point (fuzz/README.md) ----
FUZZ_TARGETS = text extract dates html zip json rtf pdf_layout role jd
FUZZ_TIME   ?= 60
FUZZ_CC     ?= clang
# besides tests/regress/, `make test` replays these inputs (TARGET:PATH)
REPLAY_SEEDS = text:corpus/cvs extract:corpus/cvs dates:tests/cases/13-years-numeric-month-range.case \
               html:tests/files/cv.html zip:tests/files/cv.docx zip:tests/files/cv.odt \
               json:tests/files/cv.resume.json rtf:tests/files/cv.rtf pdf_layout:tests/files/cv.txt \
               role:corpus/roles/data-engineer.xml jd:tests/jobs/backend-bullets.jd.txt

# the replay driver: each target's entry point renamed, all in one program
$(BUILD)/replay_%.o: fuzz/fuzz_%.c fuzz/fuzz.h $(HEADERS) | $(BUILD)/.dir
	$(CC) $(CFLAGS_ALL) -Ifuzz -DLLVMFuzzerTestOneInput=fuzz_one_$* -c -o $@ $<

$(BUILD)/fuzz_replay: fuzz/replay.c fuzz/common.c fuzz/fuzz.h $(FUZZ_TARGETS:%=$(BUILD)/replay_%.o) $(BUILD)/libgapscan.a
	$(CC) $(CFLAGS_ALL) -Ifuzz -o $@ fuzz/replay.c fuzz/common.c $(FUZZ_TARGETS:%=$(BUILD)/replay_%.o) \
		$(BUILD)/libgapscan.a $(LDLIBS_ALL)

# libFuzzer binaries, built by `fuzz-build` (BUILD=build-fuzz, clang)
$(BUILD)/fuzz_%: fuzz/fuzz_%.c fuzz/common.c fuzz/fuzz.h $(BUILD)/libgapscan.a
	$(CC) $(CFLAGS_ALL) -Ifuzz -fsanitize=fuzzer -o $@ fuzz/fuzz_$*.c fuzz/common.c \
		$(BUILD)/libgapscan.a $(LDLIBS_ALL)

fuzz-build:
	@command -v $(FUZZ_CC) >/dev/null || { echo "make fuzz needs clang with libFuzzer (apt-get install clang), or FUZZ_CC=..."; exit 1; }
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=$(FUZZ_CC) OPT="-O1 -g -fno-omit-frame-pointer" \
		SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all" \
		$(FUZZ_TARGETS:%=build-fuzz/fuzz_%)

fuzz: fuzz-build
	sh fuzz/run.sh build-fuzz $(FUZZ_TIME) $(FUZZ_TARGETS)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASHCOMPDIR)
	install -m 755 $(BUILD)/gapscan $(DESTDIR)$(PREFIX)/bin/gapscan
	install -m 644 $(BUILD)/libgapscan.a $(DESTDIR)$(PREFIX)/lib/libgapscan.a
	install -m 644 engine/gapscan.h $(DESTDIR)$(PREFIX)/include/gapscan.h
	install -m 644 doc/gapscan.1 $(DESTDIR)$(MANDIR)/man1/gapscan.1
	install -m 644 completion/gapscan.bash $(DESTDIR)$(BASHCOMPDIR)/gapscan

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/gapscan $(DESTDIR)$(PREFIX)/lib/libgapscan.a $(DESTDIR)$(PREFIX)/include/gapscan.h \
		$(DESTDIR)$(MANDIR)/man1/gapscan.1 $(DESTDIR)$(BASHCOMPDIR)/gapscan

# Sample HTML reports as a person sees them: a report at desktop and phone
# width, and a batch's ranking page, as PNGs in build/screenshots/ (headless
# Chromium; skipped, saying so, where it is not installed).
screenshot: all
	@sh scripts/screenshot.sh ./$(BUILD)/gapscan $(BUILD)/screenshots

lint:
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability --inline-suppr -Iengine engine/*.c

clean:
	rm -rf build build-asan build-vg build-curated build-fuzz
