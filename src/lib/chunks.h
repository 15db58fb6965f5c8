/*
 * chunks.h: a resumable upload's pieces, one file per chunk in its own
 * folder (storage_dir/tmp/up-ID/000042).  A chunk is checked against the
 * checksum the client sent before it is kept, and is written to a
 * temporary name then renamed: a chunk file present is a whole, checked
 * chunk, so a repeated or out-of-order chunk is simply kept again.
 */
#ifndef VIVA_CHUNKS_H
#define VIVA_CHUNKS_H

#include <stddef.h>

#include "lib/arena.h"
#include "lib/status.h"

/*
 * Chunks in one upload.  Every chunk's reply lists the upload's chunks,
 * received and missing: at 100,000 one-byte chunks each reply was 589 KB
 * and 22 ms of a process, so a candidate could keep one busy for 40
 * minutes with one upload.  4096 is 256 KiB a chunk for the largest
 * answer allowed (1 GiB), a reply of at most 25 KB.
 */
#define CHUNKS_MAX	4096

enum chunk_sum {
	CS_SHA256,	/* 64 hex characters */
	CS_BLAKE2B,	/* BLAKE2b-256, 64 hex characters */
	CS__MAX
};

enum chunk_result {
	CH_OK,
	CH_BAD_INDEX,	/* not in 0 .. total - 1 */
	CH_BAD_SUM,	/* the checksum does not match the bytes */
	CH_EMPTY,	/* no bytes */
	CH_IO,		/* the disk failed (logged) */
	CH_FULL,	/* the disk was full or a size limit met (logged) */
	CH__MAX
};

/* 1 when hex is 64 hex characters, any case. */
int		chunks_sum_valid(const char *hex);
/* 1 when p[0..len) has checksum hex under algorithm alg. */
int		chunks_sum_matches(enum chunk_sum alg, const void *p,
		    size_t len, const char *hex);
/* Keeps chunk i of total in dir (made if missing), once its sum matched. */
enum chunk_result chunks_put(struct arena *, const char *dir, int i,
		    int total, enum chunk_sum alg, const void *p, size_t len,
		    const char *hex);
/*
 * Which of chunks 0 .. total - 1 dir holds: have[i] = 1 (have has total
 * entries, zeroed here); returns how many, and in *bytes their size.
 */
int		chunks_have(const char *dir, int total, unsigned char *have,
		    long long *bytes);
/*
 * Whether chunk i of len bytes keeps the upload within max bytes: the
 * chunks dir holds, less the one i replaces, plus len.  A client cannot
 * send more than it announced, repeats included.
 */
int		chunks_fits(const char *dir, int total, int i, size_t len,
		    long long max);
/*
 * Appends chunks 0 .. total - 1 in order to fd.  ST_CONFLICT when one is
 * missing, ST_TOOLARGE when they add up to more than max bytes (nothing
 * more is written), ST_INTERNAL when the disk failed.  *bytes: written.
 */
enum status	chunks_assemble(const char *dir, int total, long long max,
		    int fd, long long *bytes);
/* Removes dir and the chunk files in it. */
void		chunks_remove(const char *dir);

#endif
