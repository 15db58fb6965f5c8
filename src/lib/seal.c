/* seal.c: encryption at rest for recordings: a libsodium secretstream per file. */
#include <errno.h>
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
seal_read(const unsigned char key[SEAL_KEY_LEN], int fd,
    int (*out)(void *, const void *, size_t), void *arg)
{
	crypto_secretstream_xchacha20poly1305_state	 s;
	unsigned char	 hdr[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
	unsigned char	 c[CIPHER_CHUNK], m[SEAL_CHUNK], magic[SEAL_MAGIC_LEN];
	unsigned long long mlen;
	unsigned char	 tag = 0;
	ssize_t		 n;
	enum status	 st = ST_INVALID;

	if (lseek(fd, 0, SEEK_SET) == -1 ||
	    read_full(fd, magic, sizeof(magic)) != SEAL_MAGIC_LEN ||
	    memcmp(magic, SEAL_MAGIC, SEAL_MAGIC_LEN) != 0 ||
	    read_full(fd, hdr, sizeof(hdr)) != (ssize_t)sizeof(hdr) ||
	    crypto_secretstream_xchacha20poly1305_init_pull(&s, hdr, key) != 0)
		return ST_INVALID;
	while ((n = read_full(fd, c, sizeof(c))) > 0) {
		if (crypto_secretstream_xchacha20poly1305_pull(&s, m, &mlen,
		    &tag, c, (unsigned long long)n, NULL, 0) != 0)
			break;		/* altered, or not ours */
		if (out(arg, m, (size_t)mlen) == -1) {
			st = ST_INTERNAL;
			break;
		}
		if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
			/* Bytes after the end were appended: refuse them. */
			st = read_full(fd, c, 1) == 0 ? ST_OK : ST_INVALID;
			break;
		}
	}
	sodium_memzero(m, sizeof(m));
	sodium_memzero(&s, sizeof(s));
	return st;
}
