/* alloc.c - heap calls with failure injection, arenas and growable buffers. */
#include "alloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int should_fail(gs_mem *mem)
{
    if (!mem || mem->fail_after < 0)
        return 0;
    if (mem->fail_after == 0)
        return 1;
    mem->fail_after--;
    return 0;
}

void *gs_malloc(gs_mem *mem, size_t size)
{
    if (should_fail(mem))
        return NULL;
    return malloc(size ? size : 1);
}

void *gs_calloc(gs_mem *mem, size_t n, size_t size)
{
    if (should_fail(mem))
        return NULL;
    return calloc(n ? n : 1, size ? size : 1);
}

void *gs_realloc(gs_mem *mem, void *ptr, size_t size)
{
    if (should_fail(mem))
        return NULL;
    return realloc(ptr, size ? size : 1);
}

void gs_free(gs_mem *mem, void *ptr)
{
    (void)mem;
    free(ptr);
}

int gs_grow(gs_mem *mem, void **items, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return -1;
        ncap *= 2;
    }
    if (elem && ncap > SIZE_MAX / elem)
        return -1;
    void *p = gs_realloc(mem, *items, ncap * elem);
    if (!p)
        return -1;
    *items = p;
    *cap = ncap;
    return 0;
}

/* ---- arena ---- */

struct gs_chunk {
    gs_chunk *next;
    size_t size;
    max_align_t data[]; /* chunk payload */
};

#define ARENA_CHUNK (64 * 1024)

void gs_arena_init(gs_arena *arena, gs_mem *mem)
{
    arena->mem = mem;
    arena->head = NULL;
    arena->used = 0;
    arena->cap = 0;
}

void *gs_arena_alloc_raw(gs_arena *arena, size_t size)
{
    const size_t align = sizeof(max_align_t);
    size_t need = (size + align - 1) & ~(align - 1);
    if (need < size)
        return NULL;
    if (!arena->head || arena->cap - arena->used < need) {
        size_t csize = need > ARENA_CHUNK / 2 ? need : ARENA_CHUNK;
        if (csize > SIZE_MAX - sizeof(gs_chunk))
            return NULL;
        gs_chunk *c = gs_malloc(arena->mem, sizeof(gs_chunk) + csize);
        if (!c)
            return NULL;
        c->size = csize;
        if (arena->head && need > ARENA_CHUNK / 2) {
            /* a big block: keep it behind the current chunk so the
             * current chunk's free space stays usable */
            c->next = arena->head->next;
            arena->head->next = c;
            return c->data;
        }
        c->next = arena->head;
        arena->head = c;
        arena->used = 0;
        arena->cap = csize;
    }
    void *p = (char *)arena->head->data + arena->used;
    arena->used += need;
    return p;
}

void *gs_arena_alloc(gs_arena *arena, size_t size)
{
    void *p = gs_arena_alloc_raw(arena, size);
    /* the alignment padding too: PCRE2's JIT reads whole aligned words at
     * the end of a subject (a line of a document held here), and padding
     * left uninitialised is then reported by valgrind */
    if (p)
        memset(p, 0, (size + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1));
    return p;
}

char *gs_arena_strndup(gs_arena *arena, const char *s, size_t len)
{
    char *p = gs_arena_alloc(arena, len + 1);
    if (!p)
        return NULL;
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *gs_arena_strdup(gs_arena *arena, const char *s)
{
    return gs_arena_strndup(arena, s, strlen(s));
}

void gs_arena_free(gs_arena *arena)
{
    gs_chunk *c = arena->head;
    while (c) {
        gs_chunk *next = c->next;
        gs_free(arena->mem, c);
        c = next;
    }
    arena->head = NULL;
    arena->used = arena->cap = 0;
}

/* ---- buffer ---- */

void gs_buf_init(gs_buf *buf, gs_mem *mem, size_t max)
{
    buf->mem = mem;
    buf->data = NULL;
    buf->len = buf->cap = 0;
    buf->max = max;
}

int gs_buf_reserve(gs_buf *buf, size_t extra)
{
    if (extra > SIZE_MAX - buf->len - 1)
        return -1;
    size_t need = buf->len + extra + 1;
    if (buf->max && need - 1 > buf->max)
        return -1;
    return gs_grow(buf->mem, (void **)&buf->data, &buf->cap, need, 1);
}

int gs_buf_append(gs_buf *buf, const void *data, size_t len)
{
    if (gs_buf_reserve(buf, len))
        return -1;
    if (len)
        memcpy(buf->data + buf->len, data, len);
    buf->len += len;
    buf->data[buf->len] = '\0';
    return 0;
}

int gs_buf_puts(gs_buf *buf, const char *s)
{
    return gs_buf_append(buf, s, strlen(s));
}

int gs_buf_vprintf(gs_buf *buf, const char *fmt, va_list ap)
{
    char small[256];
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return -1;
    if ((size_t)n < sizeof small)
        return gs_buf_append(buf, small, (size_t)n);
    if (gs_buf_reserve(buf, (size_t)n))
        return -1;
    vsnprintf(buf->data + buf->len, (size_t)n + 1, fmt, ap);
    buf->len += (size_t)n;
    return 0;
}

int gs_buf_printf(gs_buf *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = gs_buf_vprintf(buf, fmt, ap);
    va_end(ap);
    return r;
}

char *gs_buf_detach(gs_buf *buf, size_t *len)
{
    if (!buf->data && gs_buf_append(buf, "", 0))
        return NULL;
    char *d = buf->data;
    if (len)
        *len = buf->len;
    buf->data = NULL;
    buf->len = buf->cap = 0;
    return d;
}

void gs_buf_free(gs_buf *buf)
{
    gs_free(buf->mem, buf->data);
    buf->data = NULL;
    buf->len = buf->cap = 0;
}
