/* seal.c: encryption at rest for recordings: a libsodium secretstream per file. */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#include "lib/filestore.h"
#include "lib/seal.h"

#define CIPHER_CHUNK	(SEAL_CHUNK + crypto_secretstream_xchacha20poly1305_ABYTES)

enum status
seal_key_parse(const char *hex, unsigned char key[SEAL_KEY_LEN])
{
	size_t	 got = 0;

	if (hex == NULL || strlen(hex) != SEAL_KEY_LEN * 2 ||
	    sodium_hex2bin(key, SEAL_KEY_LEN, hex, strlen(hex), NULL, &got,
	    NULL) != 0 || got != SEAL_KEY_LEN)
		return ST_INVALID;
	return ST_OK;
}

enum status
seal_write(const unsigned char key[SEAL_KEY_LEN], const void *p, size_t len,
    int fd)
{
	crypto_secretstream_xchacha20poly1305_state	 s;
	unsigned char	 hdr[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
	unsigned char	 c[CIPHER_CHUNK];
	const unsigned char *in = p;
	unsigned long long clen;
	size_t		 n;
	unsigned char	 tag;
	enum status	 st = ST_OK;

	crypto_secretstream_xchacha20poly1305_init_push(&s, hdr, key);
	if (filestore_write(fd, SEAL_MAGIC, SEAL_MAGIC_LEN) == -1 ||
	    filestore_write(fd, hdr, sizeof(hdr)) == -1)
		st = ST_INTERNAL;
	/* An empty file still gets one (empty) FINAL chunk: never "no end". */
	do {
		n = len > SEAL_CHUNK ? SEAL_CHUNK : len;
		tag = n == len ?
		    crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0;
		crypto_secretstream_xchacha20poly1305_push(&s, c, &clen, in, n,
		    NULL, 0, tag);
		if (st == ST_OK && filestore_write(fd, c, (size_t)clen) == -1)
			st = ST_INTERNAL;
		in += n;
		len -= n;
	} while (st == ST_OK && tag == 0);
	sodium_memzero(&s, sizeof(s));
	return st;
}

/* Reads up to want bytes, stopping only at the end of the file. */
static ssize_t
read_full(int fd, void *p, size_t want)
{
	size_t	 got = 0;
	ssize_t	 n;

	while (got < want) {
		if ((n = read(fd, (char *)p + got, want - got)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

int
seal_is_sealed(int fd)
{
	char	 m[SEAL_MAGIC_LEN];
	ssize_t	 n = pread(fd, m, sizeof(m), 0);

	return n == SEAL_MAGIC_LEN && memcmp(m, SEAL_MAGIC, SEAL_MAGIC_LEN) == 0;
}

enum status
seal_plain_size(int fd, long long *size)
{
	const long long	 head = SEAL_MAGIC_LEN +
			    crypto_secretstream_xchacha20poly1305_HEADERBYTES;
	const long long	 abytes =
			    crypto_secretstream_xchacha20poly1305_ABYTES;
	struct stat	 sb;
	long long	 body, chunks;

	*size = 0;
	if (fstat(fd, &sb) == -1 || (body = (long long)sb.st_size - head) <
	    abytes)
		return ST_INVALID;
	/*
	 * seal_write fills every chunk but the last with SEAL_CHUNK bytes and
	 * even an empty file has one chunk, so the chunks are the body's
	 * length in CIPHER_CHUNKs, rounded up; a last chunk too short to hold
	 * its tag was not written by seal_write.
	 */
	chunks = (body + CIPHER_CHUNK - 1) / CIPHER_CHUNK;
	if (body - (chunks - 1) * CIPHER_CHUNK < abytes)
		return ST_INVALID;
	*size = body - chunks * abytes;
	return ST_OK;
}

/* Where a read is: the stream, and the plain bytes wanted, [off, end). */
struct pull {
	crypto_secretstream_xchacha20poly1305_state	 s;
	long long	 pos;	/* plain offset of the next chunk */
	long long	 off, end;
	int		(*out)(void *, const void *, size_t);
	void		*arg;
};

/* Opens the stream of fd (from its start): 0, or -1 if it is not ours. */
static int
pull_open(struct pull *pl, const unsigned char key[SEAL_KEY_LEN], int fd)
{
	unsigned char	 hdr[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
	unsigned char	 magic[SEAL_MAGIC_LEN];

	if (lseek(fd, 0, SEEK_SET) == -1 ||
	    read_full(fd, magic, sizeof(magic)) != SEAL_MAGIC_LEN ||
	    memcmp(magic, SEAL_MAGIC, SEAL_MAGIC_LEN) != 0 ||
	    read_full(fd, hdr, sizeof(hdr)) != (ssize_t)sizeof(hdr) ||
	    crypto_secretstream_xchacha20poly1305_init_pull(&pl->s, hdr,
	    key) != 0)
		return -1;
	return 0;
}

/*
 * Passes on the part of chunk m[0..len), at pl->pos, that the read wants.
 * A chunk before the range was decrypted all the same (each chunk's tag
 * moves the stream on, so none can be skipped) but is not passed on.
 */
static int
pull_give(struct pull *pl, const unsigned char *m, long long len)
{
	long long	 a = pl->off > pl->pos ? pl->off - pl->pos : 0;
	long long	 b = pl->end - pl->pos < len ? pl->end - pl->pos : len;

	pl->pos += len;
	if (a >= b)
		return 0;
	return pl->out(pl->arg, m + a, (size_t)(b - a));
}

enum status
seal_read_range(const unsigned char key[SEAL_KEY_LEN], int fd, long long off,
    long long len, int (*out)(void *, const void *, size_t), void *arg)
{
	struct pull	 pl;
	unsigned char	 c[CIPHER_CHUNK], m[SEAL_CHUNK];
	unsigned long long mlen;
	unsigned char	 tag = 0;
	ssize_t		 n;
	enum status	 st = ST_INVALID;

	memset(&pl, 0, sizeof(pl));
	pl.off = off;
	pl.end = len > LLONG_MAX - off ? LLONG_MAX : off + len;
	pl.out = out;
	pl.arg = arg;
	if (pull_open(&pl, key, fd) == -1)
		return ST_INVALID;
	while ((n = read_full(fd, c, sizeof(c))) > 0) {
		if (crypto_secretstream_xchacha20poly1305_pull(&pl.s, m, &mlen,
		    &tag, c, (unsigned long long)n, NULL, 0) != 0)
			break;		/* altered, or not ours */
		if (pull_give(&pl, m, (long long)mlen) == -1) {
			st = ST_INTERNAL;
			break;
		}
		if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
			/* Bytes after the end were appended: refuse them. */
			st = read_full(fd, c, 1) == 0 ? ST_OK : ST_INVALID;
			break;
		}
		/* Every byte sent was authenticated; the rest is not read. */
		if (pl.pos >= pl.end) {
			st = ST_OK;
			break;
		}
	}
	sodium_memzero(m, sizeof(m));
	sodium_memzero(&pl.s, sizeof(pl.s));
	return st;
}

enum status
seal_read(const unsigned char key[SEAL_KEY_LEN], int fd,
    int (*out)(void *, const void *, size_t), void *arg)
{
	return seal_read_range(key, fd, 0, LLONG_MAX, out, arg);
}
