/*
 * fuzz_oneway.c: what one-way interviews parse by hand: any bytes as a
 * sealed file (refused or decrypted, never more), any text as the create
 * form's written questions, any text as a chunk checksum.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/oneway.h"
#include "lib/chunks.h"
#include "lib/seal.h"

static int
count(void *arg, const void *p, size_t n)
{
	(void)p;
	*(size_t *)arg += n;
	return 0;
}

/* Any file: decrypted pieces add up to less than the file, or a refusal. */
static void
sealed(const uint8_t *data, size_t size)
{
	static const unsigned char	 key[SEAL_KEY_LEN] = { 7, 7, 7 };
	size_t				 got = 0;
	int				 fd = memfd_create("fuzz", 0);

	if (fd == -1)
		return;
	if (size == 0 || write(fd, data, size) == (ssize_t)size) {
		(void)seal_read(key, fd, count, &got);
		assert(got <= size);
	}
	close(fd);
}

/* Any text: at most max questions, each body non-empty, prep in range. */
static void
questions(const uint8_t *data, size_t size)
{
	struct oneway_question_new	 q[ONEWAY_MAX_QUESTIONS + 1];
	struct oneway_line_problem	 bad[8];
	struct arena			*a = arena_new();
	char				*s = malloc(size + 1);
	size_t				 n = 0, nbad = 0, i;

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	(void)oneway_parse_questions(a, s, 30, q, ONEWAY_MAX_QUESTIONS, &n,
	    bad, sizeof(bad) / sizeof(bad[0]), &nbad);
	assert(n <= ONEWAY_MAX_QUESTIONS && nbad <= sizeof(bad) / sizeof(bad[0]));
	for (i = 0; i < n; i++) {
		assert(*q[i].body != '\0' && strlen(q[i].body) <= 4000);
		assert(q[i].prep_s >= 0 && q[i].prep_s <= 600);
	}
	(void)chunks_sum_valid(s);
	free(s);
	arena_free(a);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sealed(data, size);
	questions(data, size);
	return 0;
}
