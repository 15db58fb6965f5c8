/*
 * seal.h: files encrypted at rest with XChaCha20-Poly1305 (libsodium).  A
 * sealed file is the magic "VIVASEA2", a random 24-byte nonce, then chunks
 * of SEAL_CHUNK plain bytes (the last one shorter, possibly empty), each
 * encrypted on its own under the nonce with the chunk's number added, its
 * number and whether it is the last in the authenticated data.  So a read
 * of a range decrypts only the chunks it needs, a chunk cannot be moved,
 * and a file cut at a chunk's end is refused when a read reaches its end.
 * Files sealed before (magic "VIVASEAL": one secretstream, which can be
 * read only from its start) are still read.
 */
#ifndef VIVA_SEAL_H
#define VIVA_SEAL_H

#include <stddef.h>

#include "lib/status.h"

#define SEAL_KEY_LEN	32
#define SEAL_CHUNK	65536
#define SEAL_MAGIC	"VIVASEA2"
#define SEAL_MAGIC_LEN	8

/* 64 hex characters into key; ST_OK or ST_INVALID. */
enum status	seal_key_parse(const char *hex, unsigned char key[SEAL_KEY_LEN]);
/*
 * Writes p[0..len) sealed under key to fd (open for writing, at its start).
 * ST_OK, or with errno set by the failed write ST_UNAVAILABLE (the disk
 * full: filestore_write_status) or ST_INTERNAL.
 */
enum status	seal_write(const unsigned char key[SEAL_KEY_LEN], const void *p,
		    size_t len, int fd);
/*
 * The format of the sealed file fd (read with pread: its offset stays):
 * SEAL_FORMAT_CHUNKS (what seal_write writes), SEAL_FORMAT_STREAM (sealed
 * before stop 17), or 0 when it is not a sealed file.
 */
#define SEAL_FORMAT_STREAM	1
#define SEAL_FORMAT_CHUNKS	2
int		seal_format(int fd);
/*
 * Reads the sealed file fd from its start and passes each decrypted piece
 * to out, in order; out returns 0 to go on, -1 to stop (ST_INTERNAL).
 * ST_INVALID when the file is not sealed, cut short, or was altered (the
 * pieces out already saw were genuine).  The plain bytes never touch disk.
 */
enum status	seal_read(const unsigned char key[SEAL_KEY_LEN], int fd,
		    int (*out)(void *, const void *, size_t), void *arg);
/*
 * As seal_read, passing on only the plain bytes [off, off + len) (len may
 * run past the end).  Only the chunks holding them are read and decrypted
 * (an old file's stream is decrypted from its start), so only a read that
 * reaches the end checks that the file ends there, but every byte passed
 * on was authenticated.
 */
enum status	seal_read_range(const unsigned char key[SEAL_KEY_LEN],
		    int fd, long long off, long long len,
		    int (*out)(void *, const void *, size_t), void *arg);
/*
 * *size: the plain length of the sealed file fd, from the file's size and
 * the framing alone (nothing read or decrypted), exact for what seal_write
 * wrote.  ST_INVALID when no file seal_write makes has that size.
 */
enum status	seal_plain_size(int fd, long long *size);

/*
 * Reads the sealed file in (either format, from its start) and writes the
 * same plain bytes sealed anew to out (open for writing, at its start), as
 * seal_write would, a chunk at a time: an old file becomes one whose ranges
 * can be read on their own.  sha256: the SHA-256 of the plain bytes (of
 * those read, when the input was refused).  ST_INVALID when in is not
 * sealed, cut short or altered (out then holds part of a file: remove it);
 * ST_INTERNAL with errno set when a write failed.
 */
#define SEAL_SHA256_LEN	32
enum status	seal_reseal(const unsigned char key[SEAL_KEY_LEN], int in,
		    int out, unsigned char sha256[SEAL_SHA256_LEN]);

#endif
