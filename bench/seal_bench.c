/*
 * seal_bench.c: a player's seek in a sealed recording.  Seals 50 MiB, then
 * times a 64 KiB range at 45 MiB (what a seek near the end reads) against
 * reading the whole take from its start (what every such seek cost when a
 * file was one stream, before stop 17).  Prints "range_ms=<> whole_ms=<>",
 * each the median of 5 runs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <sodium.h>

#include "lib/clock.h"
#include "lib/seal.h"
#include "median.h"

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

/* The median of RUNS reads of [off, off + len); -1 if one failed. */
static double
time_read(const unsigned char *key, int fd, long long off, long long len)
{
	double	t[RUNS], t0;
	int	i;

	for (i = 0; i < RUNS; i++) {
		t0 = clock_ms_exact();
		if (seal_read_range(key, fd, off, len, discard, NULL) != ST_OK)
			return -1;
		t[i] = clock_ms_exact() - t0;
	}
	return median(t, RUNS);
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
