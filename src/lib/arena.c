/* arena.c: region allocator with deferred destructors. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

#define BLOCK_SIZE	(64 * 1024)
#define ALIGN		16

struct block {
	struct block	*next;
	size_t		 size;	/* usable bytes after the header */
	size_t		 used;
	_Alignas(ALIGN) unsigned char data[];
};

struct defer {
	struct defer	*next;
	void		(*fn)(void *);
	void		*arg;
};

struct arena {
	struct block	*head;	/* current block; the first block is last in the list */
	struct defer	*defers;
	size_t		 used;
};

static void *
xmalloc(size_t n)
{
	void	*p;

	if ((p = malloc(n)) == NULL) {
		/* Out of memory is not a status: the supervisor restarts us. */
		fputs("viva: out of memory\n", stderr);
		abort();
	}
	return p;
}

static struct block *
block_new(size_t size)
{
	struct block	*b;

	b = xmalloc(sizeof(*b) + size);
	b->next = NULL;
	b->size = size;
	b->used = 0;
	return b;
}

struct arena *
arena_new(void)
{
	struct arena	*a;

	a = xmalloc(sizeof(*a));
	a->head = block_new(BLOCK_SIZE);
	a->defers = NULL;
	a->used = 0;
	return a;
}

static void
run_defers(struct arena *a)
{
	struct defer	*d;

	/* Each defer lives in the arena, so read next before the blocks go. */
	while ((d = a->defers) != NULL) {
		a->defers = d->next;
		d->fn(d->arg);
	}
}

void
arena_reset(struct arena *a)
{
	struct block	*b;

	run_defers(a);
	while (a->head->next != NULL) {
		b = a->head;
		a->head = b->next;
		free(b);
	}
	a->head->used = 0;
	a->used = 0;
}

void
arena_free(struct arena *a)
{
	if (a == NULL)
		return;
	arena_reset(a);
	free(a->head);
	free(a);
}

size_t
arena_used(const struct arena *a)
{
	return a->used;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct block	*b;
	size_t		 need;

	if (n == 0)
		n = 1;
	if (n > SIZE_MAX - ALIGN - sizeof(struct block))
		abort();
	need = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	a->used += need;
#ifdef ARENA_DEBUG
	/* One malloc per allocation so AddressSanitizer sees overruns. */
	b = block_new(need);
	b->used = need;
	b->next = a->head;
	a->head = b;
	return b->data;
#else
	if (a->head->size - a->head->used < need) {
		b = block_new(need > BLOCK_SIZE ? need : BLOCK_SIZE);
		b->next = a->head;
		a->head = b;
	}
	b = a->head;
	b->used += need;
	return b->data + b->used - need;
#endif
}

void *
arena_calloc(struct arena *a, size_t n, size_t size)
{
	void	*p;

	if (size != 0 && n > SIZE_MAX / size)
		abort();
	p = arena_alloc(a, n * size);
	memset(p, 0, n * size);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char	*p;

	p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list	 cp;
	char	*p;
	int	 n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		abort();
	p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

void
arena_defer(struct arena *a, void (*fn)(void *), void *arg)
{
	struct defer	*d;

	d = arena_alloc(a, sizeof(*d));
	d->fn = fn;
	d->arg = arg;
	d->next = a->defers;
	a->defers = d;
}

void
buf_init(struct buf *b, struct arena *a)
{
	b->a = a;
	b->cap = 256;
	b->p = arena_alloc(a, b->cap);
	b->p[0] = '\0';
	b->len = 0;
}

static void
buf_grow(struct buf *b, size_t extra)
{
	size_t	 cap;
	char	*p;

	if (b->len + extra < b->cap)
		return;
	cap = b->cap * 2;
	while (cap <= b->len + extra)
		cap *= 2;
	p = arena_alloc(b->a, cap);
	memcpy(p, b->p, b->len + 1);
	b->p = p;
	b->cap = cap;
}

void
buf_put(struct buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

void
buf_putc(struct buf *b, char c)
{
	buf_put(b, &c, 1);
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		abort();
	buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}
