/* fuzz.h - what the fuzz targets share (common.c): one engine per process,
 * a fixed profile to score roles against, scoring and rendering with checks
 * on the output, and a check macro that aborts (so that libFuzzer, or the
 * replay driver under ASan, reports the input).
 *
 * Each fuzz_<name>.c defines LLVMFuzzerTestOneInput. Built with
 * -fsanitize=fuzzer it is a libFuzzer binary; for the replay driver
 * (replay.c, run by `make test`) it is compiled with
 * -DLLVMFuzzerTestOneInput=fuzz_one_<name>, so that every target links into
 * one program built with the normal compiler and flags. */
#ifndef GS_FUZZ_H
#define GS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "alloc.h"
#include "gapscan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The targets as the replay driver sees them. */
int fuzz_one_text(const uint8_t *data, size_t size);
int fuzz_one_extract(const uint8_t *data, size_t size);
int fuzz_one_dates(const uint8_t *data, size_t size);
int fuzz_one_html(const uint8_t *data, size_t size);
int fuzz_one_zip(const uint8_t *data, size_t size);
int fuzz_one_json(const uint8_t *data, size_t size);
int fuzz_one_rtf(const uint8_t *data, size_t size);
int fuzz_one_pdf_layout(const uint8_t *data, size_t size);
int fuzz_one_role(const uint8_t *data, size_t size);
int fuzz_one_jd(const uint8_t *data, size_t size);

/* A broken invariant: say which and abort, so the input is kept as a crash. */
#define FZ_CHECK(cond)                                                                 \
    do {                                                                               \
        if (!(cond)) {                                                                 \
            fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                   \
        }                                                                              \
    } while (0)

/* Largest reader output the targets allow (the engine's default is 20 MB;
 * smaller keeps a fuzzing run fast without hiding a bug). */
#define FZ_MAX_TEXT ((size_t)4 * 1024 * 1024)

/* The process's engine: opened on first use with the built-in lexicon and
 * roles, "present" fixed at 2026-11 and the input cap at FZ_MAX_TEXT;
 * closed at exit. Aborts when it cannot open. */
gapscan_engine *fz_engine(void);

/* A profile extracted once from a small built-in CV (skills, dated
 * positions, a degree, a team size), for the targets that score roles. */
const gapscan_profile *fz_profile(void);

/* Score `p` against `role` and render the match as JSON (checked to parse),
 * JSONL (one line) and text. Aborts on a broken invariant; out of memory
 * is not expected under the fuzzer's limits and aborts too. */
void fz_score_render(const gapscan_profile *p, const gapscan_role *role);

/* A role checked all the way: written as a role file, which must load back
 * (it is valid against the schema) and write out the same again; described
 * as text; scored with fz_profile() and rendered (fz_score_render). */
void fz_role_roundtrip(const gapscan_role *role);

/* Is the input what gapscan reads as plain text (not PDF, zip, RTF, .doc,
 * HTML or JSON)? The text targets leave the rest to the reader targets and
 * never start a child process. */
int fz_is_plain_text(const uint8_t *data, size_t size);

/* Is every byte of s[0..n) part of valid UTF-8? */
int fz_valid_utf8(const char *s, size_t n);

/* Run a reader of read.h's common shape (HTML, RTF) on the input with a
 * sink capped at FZ_MAX_TEXT, and check what it returns: on success the
 * text (fz_check_reader_text, UTF-8), on failure a reason. */
struct gs_sink;
typedef gapscan_status (*fz_reader)(gs_mem *mem, const char *data, size_t len,
                                    struct gs_sink *out, char *err, size_t errlen);
void fz_run_reader(fz_reader read, const uint8_t *data, size_t size);

/* What a reader's output (read.h, the sink) always is: at most `max` bytes,
 * empty or ending in a line break, no control byte but '\n' and '\t', and
 * valid UTF-8 when `utf8`. Aborts otherwise. */
void fz_check_reader_text(const char *s, size_t n, size_t max, int utf8);

#endif
