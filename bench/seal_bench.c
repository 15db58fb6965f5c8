/*
 * seal_bench.c: a player's seek in a sealed recording.  Seals 50 MiB, then
 * times a 64 KiB range at 45 MiB (what a seek near the end reads) against
 * reading the whole take from its start (what every such seek cost when a
 * file was one stream, before stop 17).  Prints "range_ms=<> whole_ms=<>",
 * each the median of 5 runs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "lib/seal.h"

#define TAKE	(50LL << 20)
#define AT	(45LL << 20)
#define RUNS	5

static int
discard(void *arg, const void *p, size_t n)
{
	(void)arg;
	(void)p;
	(void)n;
	return 0;
}

static double
ms_now(void)
{
	struct timespec	t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int
by_value(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The median of RUNS reads of [off, off + len); -1 if one failed. */
static double
time_read(const unsigned char *key, int fd, long long off, long long len)
{
	double	t[RUNS], t0;
	int	i;

	for (i = 0; i < RUNS; i++) {
		t0 = ms_now();
		if (seal_read_range(key, fd, off, len, discard, NULL) != ST_OK)
			return -1;
		t[i] = ms_now() - t0;
	}
	qsort(t, RUNS, sizeof(t[0]), by_value);
	return t[RUNS / 2];
}

int
main(void)
{
	unsigned char	 key[SEAL_KEY_LEN];
	unsigned char	*take = calloc(1, TAKE);
	char		 path[] = "/tmp/viva-seal-bench.XXXXXX";
	int		 fd = mkstemp(path);

	if (sodium_init() < 0 || take == NULL || fd == -1)
		return 1;
	unlink(path);
	randombytes_buf(key, sizeof(key));
	if (seal_write(key, take, TAKE, fd) != ST_OK)
		return 1;
	printf("range_ms=%.3f whole_ms=%.1f\n", time_read(key, fd, AT, 65536),
	    time_read(key, fd, 0, TAKE));
	free(take);
	close(fd);
	return 0;
}
