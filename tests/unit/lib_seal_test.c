/*
 * lib_seal_test.c: sealed files: round trip, not plaintext, cut or altered
 * files refused, plain sizes and slices.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>

#include "lib/crypto.h"
#include "lib/seal.h"
#include "lib/status.h"
#include "../old_seal.h"

#define ABYTES	16			/* Poly1305's tag on each chunk */
#define HEAD	(SEAL_MAGIC_LEN + 24)	/* the magic, the file's nonce */
#define CIPHER	(SEAL_CHUNK + ABYTES)	/* a whole chunk, sealed */

static unsigned char	 key[SEAL_KEY_LEN];

struct sink {
	unsigned char	*p;
	size_t		 len;
};

static int
collect(void *arg, const void *p, size_t n)
{
	struct sink	*s = arg;

	s->p = realloc(s->p, s->len + n + 1);
	memcpy(s->p + s->len, p, n);
	s->len += n;
	return 0;
}

static int
setup(void **state)
{
	(void)state;
	if (crypto_init() != ST_OK)
		return -1;
	return seal_key_parse("000102030405060708090a0b0c0d0e0f"
	    "101112131415161718191a1b1c1d1e1f", key) == ST_OK ? 0 : -1;
}

static int
temp_fd(void)
{
	char	 path[] = "/tmp/viva-seal-test.XXXXXX";
	int	 fd = mkstemp(path);

	assert_true(fd >= 0);
	unlink(path);
	return fd;
}

static void
test_seal_key_parse_rejects_short_and_non_hex(void **state)
{
	unsigned char	k[SEAL_KEY_LEN];

	(void)state;
	assert_int_equal(seal_key_parse("abcd", k), ST_INVALID);
	assert_int_equal(seal_key_parse("zz0102030405060708090a0b0c0d0e0f"
	    "101112131415161718191a1b1c1d1e1f", k), ST_INVALID);
	assert_int_equal(seal_key_parse(NULL, k), ST_INVALID);
}

/* Sizes around the chunk edge: empty, one byte, a chunk, a chunk and one. */
static void
test_seal_round_trip_gives_the_exact_bytes(void **state)
{
	static const size_t sizes[] = { 0, 1, SEAL_CHUNK - 1, SEAL_CHUNK,
	    SEAL_CHUNK + 1, 3 * SEAL_CHUNK + 17 };
	unsigned char	*plain;
	struct sink	 s;
	size_t		 i, j;
	int		 fd;

	(void)state;
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		plain = malloc(sizes[i] + 1);
		for (j = 0; j < sizes[i]; j++)
			plain[j] = (unsigned char)(j * 7 + i);
		fd = temp_fd();
		assert_int_equal(seal_write(key, plain, sizes[i], fd), ST_OK);
		assert_int_equal(seal_format(fd), SEAL_FORMAT_CHUNKS);
		memset(&s, 0, sizeof(s));
		assert_int_equal(seal_read(key, fd, collect, &s), ST_OK);
		assert_int_equal(s.len, sizes[i]);
		if (sizes[i] > 0)
			assert_memory_equal(s.p, plain, sizes[i]);
		free(s.p);
		free(plain);
		close(fd);
	}
}

static void
test_seal_file_does_not_hold_the_plaintext(void **state)
{
	const char	 text[] = "RIFF this is a plain recording WAVEfmt ";
	char		 buf[256];
	ssize_t		 n;
	int		 fd = temp_fd();

	(void)state;
	assert_int_equal(seal_write(key, text, sizeof(text) - 1, fd), ST_OK);
	n = pread(fd, buf, sizeof(buf), 0);
	assert_true(n > (ssize_t)sizeof(text));
	assert_null(memmem(buf, (size_t)n, "RIFF", 4));
	assert_null(memmem(buf, (size_t)n, "plain recording", 15));
	close(fd);
}

static void
test_seal_read_refuses_a_cut_file(void **state)
{
	unsigned char	*plain = calloc(1, 2 * SEAL_CHUNK + 5);
	struct sink	 s = { NULL, 0 };
	int		 fd = temp_fd();
	off_t		 end;

	(void)state;
	assert_int_equal(seal_write(key, plain, 2 * SEAL_CHUNK + 5, fd), ST_OK);
	end = lseek(fd, 0, SEEK_END);
	/* Cut at the chunk boundary: every piece left is genuine, the end is missing. */
	assert_int_equal(ftruncate(fd, end - 5 - ABYTES), 0);
	assert_int_equal(seal_read(key, fd, collect, &s), ST_INVALID);
	free(s.p);
	free(plain);
	close(fd);
}

static void
test_seal_read_refuses_an_altered_byte_and_another_key(void **state)
{
	unsigned char	 other[SEAL_KEY_LEN] = { 1 }, b;
	struct sink	 s = { NULL, 0 };
	int		 fd = temp_fd();

	(void)state;
	assert_int_equal(seal_write(key, "hello, world", 12, fd), ST_OK);
	assert_int_equal(seal_read(other, fd, collect, &s), ST_INVALID);
	assert_int_equal(pread(fd, &b, 1, 40), 1);
	b ^= 1;
	assert_int_equal(pwrite(fd, &b, 1, 40), 1);
	assert_int_equal(seal_read(key, fd, collect, &s), ST_INVALID);
	assert_int_equal(s.len, 0);
	free(s.p);
	close(fd);
}

/* The plain size from the file's size alone, at every chunk edge. */
static void
test_seal_plain_size_is_exact_from_the_file_size(void **state)
{
	static const size_t sizes[] = { 0, 1, 16, 17, SEAL_CHUNK - 1,
	    SEAL_CHUNK, SEAL_CHUNK + 1, 2 * SEAL_CHUNK, 3 * SEAL_CHUNK + 17,
	    200000 };
	unsigned char	*plain = calloc(1, 200000);
	long long	 got;
	size_t		 i;
	int		 fd;

	(void)state;
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		fd = temp_fd();
		assert_int_equal(seal_write(key, plain, sizes[i], fd), ST_OK);
		assert_int_equal(seal_plain_size(fd, &got), ST_OK);
		assert_int_equal(got, (long long)sizes[i]);
		close(fd);
	}
	free(plain);
}

/* No file seal_write makes is shorter than its head and one tag. */
static void
test_seal_plain_size_refuses_impossible_sizes(void **state)
{
	unsigned char	 zero[SEAL_CHUNK + 64] = { 0 };
	long long	 got;
	int		 fd = temp_fd();

	(void)state;
	assert_int_equal(seal_plain_size(fd, &got), ST_INVALID);
	assert_int_equal(write(fd, SEAL_MAGIC, SEAL_MAGIC_LEN), SEAL_MAGIC_LEN);
	assert_int_equal(write(fd, zero, 24 + ABYTES - 1), 24 + ABYTES - 1);
	assert_int_equal(seal_plain_size(fd, &got), ST_INVALID);
	assert_int_equal(write(fd, zero, 1), 1);
	assert_int_equal(seal_plain_size(fd, &got), ST_OK);
	assert_int_equal(got, 0);
	/* A whole chunk, then too few bytes for the last chunk's tag. */
	assert_int_equal(ftruncate(fd, HEAD + CIPHER + ABYTES - 1), 0);
	assert_int_equal(seal_plain_size(fd, &got), ST_INVALID);
	/* Not sealed at all: no size. */
	assert_int_equal(pwrite(fd, "OggS....", 8, 0), 8);
	assert_int_equal(seal_plain_size(fd, &got), ST_INVALID);
	close(fd);
}

/* Slices inside a chunk, across chunk edges, to the end and past it. */
static void
test_seal_read_range_gives_the_exact_slice(void **state)
{
	static const long long r[][2] = {
		{ 0, 1 }, { 0, 2 }, { 5, 10 }, { SEAL_CHUNK - 1, 2 },
		{ SEAL_CHUNK, SEAL_CHUNK }, { SEAL_CHUNK + 3, 70000 },
		{ 0, 3 * SEAL_CHUNK + 17 }, { 3 * SEAL_CHUNK + 16, 1 },
		{ 2 * SEAL_CHUNK, 1000000 }, { 10, 1LL << 62 },
	};
	const size_t	 len = 3 * SEAL_CHUNK + 17;
	unsigned char	*plain = malloc(len);
	struct sink	 s;
	size_t		 i, want;
	int		 fd = temp_fd();

	(void)state;
	for (i = 0; i < len; i++)
		plain[i] = (unsigned char)(i * 13 + (i >> 16));
	assert_int_equal(seal_write(key, plain, len, fd), ST_OK);
	for (i = 0; i < sizeof(r) / sizeof(r[0]); i++) {
		memset(&s, 0, sizeof(s));
		assert_int_equal(seal_read_range(key, fd, r[i][0], r[i][1],
		    collect, &s), ST_OK);
		want = (size_t)r[i][0] + (size_t)r[i][1] > len ?
		    len - (size_t)r[i][0] : (size_t)r[i][1];
		assert_int_equal(s.len, want);
		assert_memory_equal(s.p, plain + r[i][0], want);
		free(s.p);
	}
	free(plain);
	close(fd);
}

/* A range that reaches the end still finds the end cut off. */
static void
test_seal_read_range_to_the_end_refuses_a_cut_file(void **state)
{
	unsigned char	*plain = calloc(1, 2 * SEAL_CHUNK + 5);
	struct sink	 s = { NULL, 0 };
	int		 fd = temp_fd();
	off_t		 end;

	(void)state;
	assert_int_equal(seal_write(key, plain, 2 * SEAL_CHUNK + 5, fd), ST_OK);
	end = lseek(fd, 0, SEEK_END);
	assert_int_equal(ftruncate(fd, end - 5 - ABYTES), 0);
	assert_int_equal(seal_read_range(key, fd, SEAL_CHUNK, 2 * SEAL_CHUNK,
	    collect, &s), ST_INVALID);
	/* The chunk the cut left last was not sealed as the last: none of it. */
	assert_int_equal(s.len, 0);
	/* Nor is it taken for a shorter file by a range past its end. */
	assert_int_equal(seal_read_range(key, fd, 2 * SEAL_CHUNK + 1, 10,
	    collect, &s), ST_INVALID);
	s.len = 0;
	assert_int_equal(seal_read_range(key, fd, 0, 10, collect, &s), ST_OK);
	assert_int_equal(s.len, 10);
	free(s.p);
	free(plain);
	close(fd);
}

/* n plain bytes, each telling its place, sealed into a new file. */
static int
sealed_pattern(size_t n, unsigned char **plain)
{
	size_t	 i;
	int	 fd = temp_fd();

	*plain = malloc(n);
	for (i = 0; i < n; i++)
		(*plain)[i] = (unsigned char)(i * 7 + (i >> 16));
	assert_int_equal(seal_write(key, *plain, n, fd), ST_OK);
	return fd;
}

/* [off, off + len) read back: the status, and on ST_OK the exact bytes. */
static enum status
read_slice(int fd, const unsigned char *plain, long long off, long long len)
{
	struct sink	 s = { NULL, 0 };
	enum status	 st = seal_read_range(key, fd, off, len, collect, &s);

	if (st == ST_OK) {
		assert_int_equal(s.len, (size_t)len);
		assert_memory_equal(s.p, plain + off, (size_t)len);
	}
	free(s.p);
	return st;
}

static void
flip(int fd, off_t at)
{
	unsigned char	 b;

	assert_int_equal(pread(fd, &b, 1, at), 1);
	b ^= 0x40;
	assert_int_equal(pwrite(fd, &b, 1, at), 1);
}

/*
 * A seek in a long recording decrypts only the chunks it reads: with the
 * first chunk damaged, a range further on still reads, the first does not.
 */
static void
test_seal_read_range_reads_only_the_chunks_it_needs(void **state)
{
	unsigned char	*plain;
	int		 fd = sealed_pattern(4 * SEAL_CHUNK + 9, &plain);

	(void)state;
	flip(fd, HEAD + 100);
	assert_int_equal(read_slice(fd, plain, 2 * SEAL_CHUNK + 5, 70000),
	    ST_OK);
	assert_int_equal(read_slice(fd, plain, 4 * SEAL_CHUNK, 9), ST_OK);
	assert_int_equal(read_slice(fd, plain, SEAL_CHUNK - 1, 2), ST_INVALID);
	free(plain);
	close(fd);
}

/* Chunks swapped in place are refused: each is sealed with its number. */
static void
test_seal_chunks_cannot_be_moved(void **state)
{
	unsigned char	*plain, *a = malloc(CIPHER), *b = malloc(CIPHER);
	int		 fd = sealed_pattern(3 * SEAL_CHUNK + 1, &plain);

	(void)state;
	assert_int_equal(read_slice(fd, plain, 0, 3 * SEAL_CHUNK + 1), ST_OK);
	assert_int_equal(pread(fd, a, CIPHER, HEAD), CIPHER);
	assert_int_equal(pread(fd, b, CIPHER, HEAD + CIPHER), CIPHER);
	assert_int_equal(pwrite(fd, b, CIPHER, HEAD), CIPHER);
	assert_int_equal(pwrite(fd, a, CIPHER, HEAD + CIPHER), CIPHER);
	assert_int_equal(read_slice(fd, plain, 0, 10), ST_INVALID);
	assert_int_equal(read_slice(fd, plain, SEAL_CHUNK, 10), ST_INVALID);
	free(a);
	free(b);
	free(plain);
	close(fd);
}

/* The format before stop 17 (one secretstream), as seal_write made it then. */
static void
write_old_format(int fd, const unsigned char *p, size_t len)
{
	assert_int_equal(old_seal_write(key, p, len, fd), 0);
}

/* Recordings sealed before stop 17 still play, whole and in ranges. */
static void
test_seal_reads_files_sealed_in_the_old_format(void **state)
{
	const size_t	 len = 2 * SEAL_CHUNK + 300;
	unsigned char	*plain;
	long long	 got;
	int		 fd, cut = sealed_pattern(len, &plain);

	(void)state;
	close(cut);
	fd = temp_fd();
	write_old_format(fd, plain, len);
	assert_int_equal(seal_format(fd), SEAL_FORMAT_STREAM);
	assert_int_equal(seal_plain_size(fd, &got), ST_OK);
	assert_int_equal(got, (long long)len);
	assert_int_equal(read_slice(fd, plain, 0, (long long)len), ST_OK);
	assert_int_equal(read_slice(fd, plain, SEAL_CHUNK + 7, 1000), ST_OK);
	/* Cut at its last chunk: the end is missing. */
	assert_int_equal(ftruncate(fd, 8 + 24 + 2 * (SEAL_CHUNK + 17)), 0);
	assert_int_equal(read_slice(fd, plain, 0, 2 * SEAL_CHUNK + 300),
	    ST_INVALID);
	free(plain);
	close(fd);
}

static void
test_seal_format_is_0_for_plain_files(void **state)
{
	int	 fd = temp_fd();

	(void)state;
	assert_int_equal(write(fd, "OggS....", 8), 8);
	assert_int_equal(seal_format(fd), 0);
	close(fd);
}

/*
 * An old file resealed is a file of the current format with the same plain
 * bytes and the same SHA-256 (the recordings' checksum), byte for byte the
 * size seal_write gives, for every way the last chunk can fall.
 */
static void
test_seal_reseal_turns_an_old_file_into_chunks(void **state)
{
	static const size_t sizes[] = { 0, 1, SEAL_CHUNK, SEAL_CHUNK + 1,
	    2 * SEAL_CHUNK, 3 * SEAL_CHUNK + 17 };
	unsigned char	 sha[SEAL_SHA256_LEN], want[SEAL_SHA256_LEN];
	unsigned char	*plain;
	long long	 got;
	size_t		 i, j;
	int		 old, fresh, ref;

	(void)state;
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		plain = malloc(sizes[i] + 1);
		for (j = 0; j < sizes[i]; j++)
			plain[j] = (unsigned char)(j * 13 + i);
		old = temp_fd();
		write_old_format(old, plain, sizes[i]);
		fresh = temp_fd();
		assert_int_equal(seal_reseal(key, old, fresh, sha), ST_OK);
		crypto_hash_sha256(want, plain, sizes[i]);
		assert_memory_equal(sha, want, sizeof(sha));
		assert_int_equal(seal_format(fresh), SEAL_FORMAT_CHUNKS);
		assert_int_equal(seal_plain_size(fresh, &got), ST_OK);
		assert_int_equal(got, (long long)sizes[i]);
		if (sizes[i] > 0)
			assert_int_equal(read_slice(fresh, plain, 0,
			    (long long)sizes[i]), ST_OK);
		if (sizes[i] > 10)
			assert_int_equal(read_slice(fresh, plain, 10,
			    (long long)sizes[i] - 10), ST_OK);
		ref = temp_fd();
		assert_int_equal(seal_write(key, plain, sizes[i], ref), ST_OK);
		assert_int_equal(lseek(fresh, 0, SEEK_END), lseek(ref, 0, SEEK_END));
		close(ref);
		close(fresh);
		close(old);
		free(plain);
	}
}

/* A cut old file is refused, and so is one sealed under another key. */
static void
test_seal_reseal_refuses_a_damaged_file(void **state)
{
	unsigned char	 sha[SEAL_SHA256_LEN], other[SEAL_KEY_LEN];
	const size_t	 len = 2 * SEAL_CHUNK + 5;
	unsigned char	*plain = calloc(1, len);
	int		 old = temp_fd(), out = temp_fd();

	(void)state;
	write_old_format(old, plain, len);
	memcpy(other, key, sizeof(other));
	other[0] ^= 1;
	assert_int_equal(seal_reseal(other, old, out, sha), ST_INVALID);
	assert_int_equal(ftruncate(old, 8 + 24 + SEAL_CHUNK + 17), 0);
	assert_int_equal(seal_reseal(key, old, out, sha), ST_INVALID);
	assert_int_equal(ftruncate(old, 0), 0);
	assert_int_equal(seal_reseal(key, old, out, sha), ST_INVALID);
	close(old);
	close(out);
	free(plain);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seal_key_parse_rejects_short_and_non_hex),
		cmocka_unit_test(test_seal_round_trip_gives_the_exact_bytes),
		cmocka_unit_test(test_seal_file_does_not_hold_the_plaintext),
		cmocka_unit_test(test_seal_read_refuses_a_cut_file),
		cmocka_unit_test(test_seal_read_refuses_an_altered_byte_and_another_key),
		cmocka_unit_test(test_seal_format_is_0_for_plain_files),
		cmocka_unit_test(
		    test_seal_plain_size_is_exact_from_the_file_size),
		cmocka_unit_test(test_seal_plain_size_refuses_impossible_sizes),
		cmocka_unit_test(test_seal_read_range_gives_the_exact_slice),
		cmocka_unit_test(
		    test_seal_read_range_to_the_end_refuses_a_cut_file),
		cmocka_unit_test(
		    test_seal_read_range_reads_only_the_chunks_it_needs),
		cmocka_unit_test(test_seal_chunks_cannot_be_moved),
		cmocka_unit_test(test_seal_reads_files_sealed_in_the_old_format),
		cmocka_unit_test(test_seal_reseal_turns_an_old_file_into_chunks),
		cmocka_unit_test(test_seal_reseal_refuses_a_damaged_file),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
