/*
 * seal.c: encryption at rest for recordings (seal.h): chunks sealed one by
 * one, so that a range is read without decrypting what comes before it.
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/filestore.h"
#include "lib/seal.h"

#define CHUNK_ABYTES	crypto_aead_xchacha20poly1305_ietf_ABYTES
#define CIPHER_CHUNK	(SEAL_CHUNK + CHUNK_ABYTES)
#define NONCE_LEN	crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define HEAD_LEN	(SEAL_MAGIC_LEN + NONCE_LEN)
#define AD_LEN		9	/* the chunk's number (8 bytes LE), last (1) */

/*
 * Files sealed before stop 17: one secretstream from the start.  Its
 * 24-byte header stands where the nonce does now: one head for both.
 */
#define OLD_MAGIC	"VIVASEAL"
_Static_assert(crypto_secretstream_xchacha20poly1305_HEADERBYTES == NONCE_LEN,
    "one head length for both formats");
#define OLD_ABYTES	crypto_secretstream_xchacha20poly1305_ABYTES
#define OLD_CIPHER_CHUNK (SEAL_CHUNK + OLD_ABYTES)

/* What seals a file's chunks: the format's key and the file's nonce. */
struct chunks {
	unsigned char	 key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
	unsigned char	 base[NONCE_LEN];
};

/* A key derived from the recording key for this format alone (number 2). */
static void
chunks_init(struct chunks *k, const unsigned char key[SEAL_KEY_LEN])
{
	crypto_kdf_derive_from_key(k->key, sizeof(k->key), 2, "vivaseal", key);
}

/* Chunk i's nonce (the file's, i XORed into its last 8 bytes) and data. */
static void
chunk_params(const struct chunks *k, unsigned long long i, int last,
    unsigned char nonce[NONCE_LEN], unsigned char ad[AD_LEN])
{
	int	b;

	memcpy(nonce, k->base, NONCE_LEN);
	for (b = 0; b < 8; b++) {
		nonce[NONCE_LEN - 8 + b] ^= (unsigned char)(i >> (8 * b));
		ad[b] = (unsigned char)(i >> (8 * b));
	}
	ad[8] = (unsigned char)(last != 0);
}

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

/* Writes a file's chunks one by one, in order; st is the first failure. */
struct writer {
	struct chunks	 k;
	unsigned long long i;
	int		 fd;
	enum status	 st;
	unsigned char	 c[CIPHER_CHUNK];
};

static void
writer_start(struct writer *w, const unsigned char key[SEAL_KEY_LEN], int fd)
{
	chunks_init(&w->k, key);
	randombytes_buf(w->k.base, sizeof(w->k.base));
	w->i = 0;
	w->fd = fd;
	w->st = filestore_write(fd, SEAL_MAGIC, SEAL_MAGIC_LEN) == -1 ||
	    filestore_write(fd, w->k.base, sizeof(w->k.base)) == -1 ?
	    filestore_write_status(errno) : ST_OK;
}

/* Seals n plain bytes (SEAL_CHUNK, or fewer for the last) as the next chunk. */
static void
writer_chunk(struct writer *w, const unsigned char *m, size_t n, int last)
{
	unsigned char	 nonce[NONCE_LEN], ad[AD_LEN];
	unsigned long long clen;

	if (w->st != ST_OK)
		return;
	chunk_params(&w->k, w->i++, last, nonce, ad);
	crypto_aead_xchacha20poly1305_ietf_encrypt(w->c, &clen, m, n, ad,
	    sizeof(ad), NULL, nonce, w->k.key);
	if (filestore_write(w->fd, w->c, (size_t)clen) == -1)
		w->st = filestore_write_status(errno);
}

static void
writer_end(struct writer *w)
{
	sodium_memzero(&w->k, sizeof(w->k));
}

enum status
seal_write(const unsigned char key[SEAL_KEY_LEN], const void *p, size_t len,
    int fd)
{
	struct writer	*w = malloc(sizeof(*w));
	const unsigned char *in = p;
	size_t		 n;
	int		 last;
	enum status	 st;

	if (w == NULL)
		return ST_INTERNAL;
	writer_start(w, key, fd);
	/* An empty file still gets one (empty) last chunk: never "no end". */
	do {
		n = len > SEAL_CHUNK ? SEAL_CHUNK : len;
		last = n == len;
		writer_chunk(w, in, n, last);
		in += n;
		len -= n;
	} while (w->st == ST_OK && !last);
	st = w->st;
	writer_end(w);
	free(w);
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

/*
 * Reads fd's head: the magic, then the nonce (chunks) or the stream's
 * header (before stop 17).  Returns the format: SEAL_FORMAT_CHUNKS,
 * SEAL_FORMAT_STREAM, else 0.
 */
static int
read_head(int fd, unsigned char head[HEAD_LEN])
{
	if (pread(fd, head, HEAD_LEN, 0) != HEAD_LEN)
		return 0;
	if (memcmp(head, SEAL_MAGIC, SEAL_MAGIC_LEN) == 0)
		return SEAL_FORMAT_CHUNKS;
	return memcmp(head, OLD_MAGIC, SEAL_MAGIC_LEN) == 0 ?
	    SEAL_FORMAT_STREAM : 0;
}

int
seal_format(int fd)
{
	unsigned char	 head[HEAD_LEN];

	return read_head(fd, head);
}

/*
 * The number of chunks in body bytes of them, each of cipher bytes but the
 * last, which holds at least its tag (abytes): seal_write fills every chunk
 * but the last and even an empty file has one.  0 when seal_write never
 * makes such a body.
 */
static long long
chunk_count(long long body, long long cipher, long long abytes)
{
	long long	 n;

	if (body < abytes)
		return 0;
	n = (body + cipher - 1) / cipher;
	return body - (n - 1) * cipher < abytes ? 0 : n;
}

/* The file's size less its head, or -1. */
static long long
body_size(int fd, long long head)
{
	struct stat	 sb;

	return fstat(fd, &sb) == -1 ? -1 : (long long)sb.st_size - head;
}

enum status
seal_plain_size(int fd, long long *size)
{
	unsigned char	 head[HEAD_LEN];
	int		 v = read_head(fd, head);
	long long	 abytes = v == SEAL_FORMAT_CHUNKS ? CHUNK_ABYTES :
	    OLD_ABYTES;
	long long	 body = body_size(fd, HEAD_LEN), n;

	*size = 0;
	if (v == 0 || (n = chunk_count(body, SEAL_CHUNK + abytes, abytes)) == 0)
		return ST_INVALID;
	*size = body - n * abytes;
	return ST_OK;
}

/* What a read wants: the plain bytes [off, end), to out. */
struct want {
	long long	 off, end;
	int		(*out)(void *, const void *, size_t);
	void		*arg;
};

/* Passes on the part of chunk m[0..len), at plain offset pos, that w wants. */
static int
give(const struct want *w, long long pos, const unsigned char *m,
    long long len)
{
	long long	 a = w->off > pos ? w->off - pos : 0;
	long long	 b = w->end - pos < len ? w->end - pos : len;

	if (a >= b)
		return 0;
	return w->out(w->arg, m + a, (size_t)(b - a));
}

/*
 * Decrypts only the chunks holding [w->off, w->end) (or the last one, for
 * a range past the end), each read where the file's size puts it; the last
 * chunk, sealed as the last, is the end.
 */
static enum status
chunks_read(const unsigned char key[SEAL_KEY_LEN], int fd,
    const unsigned char head[HEAD_LEN], const struct want *w)
{
	struct chunks	 k;
	unsigned char	 nonce[NONCE_LEN], ad[AD_LEN];
	unsigned char	 c[CIPHER_CHUNK], m[SEAL_CHUNK];
	unsigned long long mlen;
	long long	 body = body_size(fd, HEAD_LEN), n, i, clen;
	enum status	 st = ST_OK;

	if ((n = chunk_count(body, CIPHER_CHUNK, CHUNK_ABYTES)) == 0)
		return ST_INVALID;
	memcpy(k.base, head + SEAL_MAGIC_LEN, NONCE_LEN);
	chunks_init(&k, key);
	/* A range past the end opens the last chunk all the same: a file cut
	 * short at a chunk's end is refused, not taken for a shorter one. */
	i = w->off / SEAL_CHUNK < n - 1 ? w->off / SEAL_CHUNK : n - 1;
	for (; i < n && i * SEAL_CHUNK < w->end; i++) {
		clen = i < n - 1 ? CIPHER_CHUNK : body - i * CIPHER_CHUNK;
		chunk_params(&k, (unsigned long long)i, i == n - 1, nonce, ad);
		if (pread(fd, c, (size_t)clen, HEAD_LEN + i * CIPHER_CHUNK) !=
		    clen || crypto_aead_xchacha20poly1305_ietf_decrypt(m,
		    &mlen, NULL, c, (unsigned long long)clen, ad, sizeof(ad),
		    nonce, k.key) != 0) {
			st = ST_INVALID;	/* cut, altered, or not ours */
			break;
		}
		if (give(w, i * SEAL_CHUNK, m, (long long)mlen) == -1) {
			st = ST_INTERNAL;
			break;
		}
	}
	sodium_memzero(m, sizeof(m));
	sodium_memzero(&k, sizeof(k));
	return st;
}

/*
 * A file sealed before stop 17: one stream, decrypted from its start (each
 * chunk's tag moves the stream on, so none can be skipped); it stops after
 * the chunk holding the last byte wanted, or checks the FINAL tag.
 */
static enum status
stream_read(const unsigned char key[SEAL_KEY_LEN], int fd,
    const unsigned char head[HEAD_LEN], const struct want *w)
{
	crypto_secretstream_xchacha20poly1305_state	 s;
	unsigned char	 c[OLD_CIPHER_CHUNK], m[SEAL_CHUNK];
	unsigned long long mlen;
	unsigned char	 tag = 0;
	long long	 pos = 0;
	ssize_t		 n;
	enum status	 st = ST_INVALID;

	if (lseek(fd, HEAD_LEN, SEEK_SET) == -1 ||
	    crypto_secretstream_xchacha20poly1305_init_pull(&s,
	    head + SEAL_MAGIC_LEN, key) != 0)
		return ST_INVALID;
	while ((n = read_full(fd, c, sizeof(c))) > 0) {
		if (crypto_secretstream_xchacha20poly1305_pull(&s, m, &mlen,
		    &tag, c, (unsigned long long)n, NULL, 0) != 0)
			break;		/* altered, or not ours */
		if (give(w, pos, m, (long long)mlen) == -1) {
			st = ST_INTERNAL;
			break;
		}
		pos += (long long)mlen;
		if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
			/* Bytes after the end were appended: refuse them. */
			st = read_full(fd, c, 1) == 0 ? ST_OK : ST_INVALID;
			break;
		}
		/* Every byte sent was authenticated; the rest is not read. */
		if (pos >= w->end) {
			st = ST_OK;
			break;
		}
	}
	sodium_memzero(m, sizeof(m));
	sodium_memzero(&s, sizeof(s));
	return st;
}

enum status
seal_read_range(const unsigned char key[SEAL_KEY_LEN], int fd, long long off,
    long long len, int (*out)(void *, const void *, size_t), void *arg)
{
	unsigned char	 head[HEAD_LEN];
	struct want	 w;

	w.off = off;
	w.end = len > LLONG_MAX - off ? LLONG_MAX : off + len;
	w.out = out;
	w.arg = arg;
	switch (read_head(fd, head)) {
	case SEAL_FORMAT_CHUNKS:
		return chunks_read(key, fd, head, &w);
	case SEAL_FORMAT_STREAM:
		return stream_read(key, fd, head, &w);
	default:
		return ST_INVALID;
	}
}

enum status
seal_read(const unsigned char key[SEAL_KEY_LEN], int fd,
    int (*out)(void *, const void *, size_t), void *arg)
{
	return seal_read_range(key, fd, 0, LLONG_MAX, out, arg);
}

/*
 * Resealing: the plain bytes come from seal_read in pieces of any size; a
 * full chunk waits until more comes, since only the end of the input says
 * which chunk is the last.
 */
struct reseal {
	struct writer		 w;
	crypto_hash_sha256_state h;
	size_t			 held;
	unsigned char		 m[SEAL_CHUNK];
};

static int
reseal_piece(void *arg, const void *p, size_t n)
{
	struct reseal		*r = arg;
	const unsigned char	*in = p;
	size_t			 take;

	crypto_hash_sha256_update(&r->h, in, n);
	while (n > 0) {
		if (r->held == SEAL_CHUNK) {
			writer_chunk(&r->w, r->m, SEAL_CHUNK, 0);
			r->held = 0;
		}
		take = n < SEAL_CHUNK - r->held ? n : SEAL_CHUNK - r->held;
		memcpy(r->m + r->held, in, take);
		r->held += take;
		in += take;
		n -= take;
	}
	return r->w.st == ST_OK ? 0 : -1;
}

enum status
seal_reseal(const unsigned char key[SEAL_KEY_LEN], int in, int out,
    unsigned char sha256[SEAL_SHA256_LEN])
{
	struct reseal	*r = malloc(sizeof(*r));
	enum status	 st;

	if (r == NULL)
		return ST_INTERNAL;
	r->held = 0;
	crypto_hash_sha256_init(&r->h);
	writer_start(&r->w, key, out);
	if ((st = r->w.st) == ST_OK &&
	    (st = seal_read(key, in, reseal_piece, r)) == ST_OK) {
		writer_chunk(&r->w, r->m, r->held, 1);
		st = r->w.st;
	}
	crypto_hash_sha256_final(&r->h, sha256);
	writer_end(&r->w);
	sodium_memzero(r, sizeof(*r));
	free(r);
	return st;
}
