/* alloc.h - the one allocation module: heap calls, arenas and growable buffers.
 *
 * Every allocation of the library goes through a gs_mem, so that a test can
 * make the N-th allocation fail (fail_after) and check that each caller
 * cleans up. An arena holds everything that belongs to one document or one
 * role and is released in one call. */
#ifndef GS_ALLOC_H
#define GS_ALLOC_H

#include <stdarg.h>
#include <stddef.h>

typedef struct gs_mem {
    long fail_after; /* allocations left before one fails; -1 = never (tests only) */
} gs_mem;

/* malloc/calloc/realloc through `mem`. NULL on failure (or injected failure);
 * gs_realloc leaves `ptr` untouched when it fails. gs_free accepts NULL. */
void *gs_malloc(gs_mem *mem, size_t size);
void *gs_calloc(gs_mem *mem, size_t n, size_t size);
void *gs_realloc(gs_mem *mem, void *ptr, size_t size);
void gs_free(gs_mem *mem, void *ptr);

/* Grow the array *items (each `elem` bytes, *cap slots) so that at least
 * `need` slots exist. Returns 0, or -1 on overflow/out of memory (the array
 * is then unchanged). Free the array with gs_free. */
int gs_grow(gs_mem *mem, void **items, size_t *cap, size_t need, size_t elem);

/* A bump allocator in chunks. Nothing is freed one at a time. */
typedef struct gs_chunk gs_chunk;
typedef struct gs_arena {
    gs_mem *mem;    /* where chunks come from */
    gs_chunk *head; /* newest chunk first */
    size_t used;    /* bytes used in head */
    size_t cap;     /* bytes available in head */
} gs_arena;

void gs_arena_init(gs_arena *arena, gs_mem *mem);
/* `size` bytes aligned for any type, zeroed; NULL when out of memory. */
void *gs_arena_alloc(gs_arena *arena, size_t size);
/* The same, not zeroed: for a caller that fills every byte at once. */
void *gs_arena_alloc_raw(gs_arena *arena, size_t size);
/* A NUL-terminated copy of s[0..len). */
char *gs_arena_strndup(gs_arena *arena, const char *s, size_t len);
char *gs_arena_strdup(gs_arena *arena, const char *s);
/* Release every chunk; the arena may be used again after gs_arena_init. */
void gs_arena_free(gs_arena *arena);

/* A growable byte buffer, always NUL-terminated once non-empty. `max` bounds
 * its length (0 = no bound); an append past it fails like out of memory. */
typedef struct gs_buf {
    gs_mem *mem;
    char *data;
    size_t len;
    size_t cap;
    size_t max;
} gs_buf;

void gs_buf_init(gs_buf *buf, gs_mem *mem, size_t max);
int gs_buf_append(gs_buf *buf, const void *data, size_t len); /* 0 or -1 */
/* Make room for `extra` more bytes (and the NUL) at once: 0 or -1. */
int gs_buf_reserve(gs_buf *buf, size_t extra);
int gs_buf_puts(gs_buf *buf, const char *s);
int gs_buf_printf(gs_buf *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int gs_buf_vprintf(gs_buf *buf, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Hand the data to the caller (who frees it with gs_free) and reset the buffer. */
char *gs_buf_detach(gs_buf *buf, size_t *len);
void gs_buf_free(gs_buf *buf);

#endif
