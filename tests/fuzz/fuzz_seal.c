/*
 * fuzz_seal.c: a sealed file, perhaps cut, altered or extended, read in
 * any range: it gives the exact plain bytes of the range or refuses, and
 * an untouched file always gives them.  Resealed, it gives a file of the
 * same plain bytes (and their SHA-256) or refuses; an untouched one always
 * reseals.
 *
 * Input: 8 bytes offset, 8 bytes length, 1 byte what to do to the file
 * (0 nothing, 1 cut, 2 flip a byte, 3 append), 4 bytes where, 1 byte how
 * many whole chunks to add to the plain text, then the plain text itself
 * (repeated to fill those chunks).
 */
#include <sys/mman.h>

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "lib/seal.h"

#define HEAD	22

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct got {
	unsigned char	*p;
	size_t		 len, cap;
};

static int
collect(void *arg, const void *p, size_t n)
{
	struct got	*g = arg;

	if (g->len + n > g->cap)
		return -1;	/* more than the range holds: fails below */
	memcpy(g->p + g->len, p, n);
	g->len += n;
	return 0;
}

static uint64_t
be64(const uint8_t *p, int n)
{
	uint64_t	v = 0;
	int		i;

	for (i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

/* Damages fd as kind says; 1 when its bytes changed. */
static int
damage(int fd, int kind, uint64_t where)
{
	off_t		 size = lseek(fd, 0, SEEK_END);
	unsigned char	 b = 0;

	if (size <= 0)
		return 0;
	switch (kind) {
	case 1:
		assert(ftruncate(fd, (off_t)(where % (uint64_t)size)) == 0);
		return 1;
	case 2:
		where %= (uint64_t)size;
		assert(pread(fd, &b, 1, (off_t)where) == 1);
		b ^= (unsigned char)(1 + where % 255);
		assert(pwrite(fd, &b, 1, (off_t)where) == 1);
		return 1;
	case 3:
		assert(pwrite(fd, &b, 1, size) == 1);
		return 1;
	default:
		return 0;
	}
}

/* Resealing fd: the same plain bytes in a file that reads whole, or a refusal. */
static void
reseal_check(const unsigned char *key, int fd, const unsigned char *plain,
    size_t n, int changed)
{
	unsigned char	 sha[SEAL_SHA256_LEN], want[SEAL_SHA256_LEN];
	struct got	 g = { malloc(n + 1), 0, n };
	int		 out = memfd_create("fuzz_reseal", 0);
	enum status	 st;

	assert(out >= 0 && g.p != NULL);
	st = seal_reseal(key, fd, out, sha);
	assert(st == ST_OK || st == ST_INVALID);
	if (!changed)
		assert(st == ST_OK);
	if (st == ST_OK) {
		crypto_hash_sha256(want, plain, n);
		assert(memcmp(sha, want, sizeof(sha)) == 0);
		assert(seal_format(out) == SEAL_FORMAT_CHUNKS);
		assert(seal_read(key, out, collect, &g) == ST_OK);
		assert(g.len == n && memcmp(g.p, plain, n) == 0);
	}
	free(g.p);
	close(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned char	 key[SEAL_KEY_LEN] = { 7, 1, 9 };
	unsigned char		*plain;
	size_t			 n, i, text = size > HEAD ? size - HEAD : 0;
	long long		 off, len, want, plain_size;
	struct got		 g;
	enum status		 st;
	int			 fd, changed;

	if (size < HEAD || sodium_init() < 0)
		return 0;
	n = text + (size_t)(data[21] % 4) * SEAL_CHUNK;
	if ((plain = malloc(n + 1)) == NULL)
		return 0;
	for (i = 0; i < n; i++)
		plain[i] = text > 0 ? data[HEAD + i % text] : (unsigned char)i;
	fd = memfd_create("fuzz_seal", 0);
	assert(fd >= 0);
	assert(seal_write(key, plain, n, fd) == ST_OK);
	assert(seal_plain_size(fd, &plain_size) == ST_OK &&
	    plain_size == (long long)n);
	changed = damage(fd, data[16] % 4, be64(data + 17, 4));
	off = (long long)(be64(data, 8) % (n + 2));
	len = (long long)(be64(data + 8, 8) & INT64_MAX);
	want = off >= (long long)n ? 0 :
	    len < (long long)n - off ? len : (long long)n - off;
	g.p = malloc((size_t)want + 1);
	g.len = 0;
	g.cap = (size_t)want;
	st = seal_read_range(key, fd, off, len, collect, &g);
	/* Never a wrong byte: the exact range, or a refusal. */
	assert(st == ST_OK || st == ST_INVALID);
	assert(st == ST_INVALID || (g.len == (size_t)want &&
	    memcmp(g.p, plain + off, (size_t)want) == 0));
	if (!changed)
		assert(st == ST_OK);
	/* A size, if any, is one seal_write could have made. */
	if (seal_plain_size(fd, &plain_size) == ST_OK)
		assert(plain_size >= 0 && plain_size <= lseek(fd, 0, SEEK_END));
	reseal_check(key, fd, plain, n, changed);
	free(g.p);
	free(plain);
	close(fd);
	return 0;
}
