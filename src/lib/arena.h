/* arena.h: region allocator; a request owns one and frees it all at once. */
#ifndef VIVA_ARENA_H
#define VIVA_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena;

/* A string that carries its length; p need not be NUL-terminated. */
struct str {
	const char	*p;
	size_t		 len;
};

/* Growable byte buffer whose storage lives in an arena; p is NUL-terminated. */
struct buf {
	struct arena	*a;
	char		*p;
	size_t		 len;
	size_t		 cap;
};

/* New arena; aborts when memory runs out (see STYLE.md section 5). */
struct arena	*arena_new(void);
/* Runs deferred destructors (last in, first out) and releases all but the first block. */
void		 arena_reset(struct arena *);
void		 arena_free(struct arena *);
/* Bytes currently handed out, for tests and memory accounting. */
size_t		 arena_used(const struct arena *);

void		*arena_alloc(struct arena *, size_t);	/* 16-byte aligned */
void		*arena_calloc(struct arena *, size_t, size_t);
char		*arena_strdup(struct arena *, const char *);
char		*arena_strndup(struct arena *, const char *, size_t);
char		*arena_printf(struct arena *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
char		*arena_vprintf(struct arena *, const char *, va_list)
		    __attribute__((format(printf, 2, 0)));
/* Calls fn(arg) when the arena is reset or freed, last registered first. */
void		 arena_defer(struct arena *, void (*)(void *), void *);

void		 buf_init(struct buf *, struct arena *);
void		 buf_put(struct buf *, const void *, size_t);
void		 buf_puts(struct buf *, const char *);
void		 buf_putc(struct buf *, char);
void		 buf_printf(struct buf *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

#endif
