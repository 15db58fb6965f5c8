/* tokenizer_bench.c: MB/s of tokenizer_encode on one file; bench/tokenizer.sh drives it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/tokenizer.h"

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
cmp_double(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static char *
slurp(const char *path, size_t *len)
{
	FILE	*f;
	char	*buf;
	long	 n;

	if ((f = fopen(path, "rb")) == NULL || fseek(f, 0, SEEK_END) != 0 ||
	    (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
		return NULL;
	if ((buf = malloc((size_t)n + 1)) == NULL)
		abort();
	*len = fread(buf, 1, (size_t)n, f);
	fclose(f);
	return buf;
}

/* Writes the ids as `viva tokens --ids` does, for comparison with js-tiktoken. */
static int
write_ids(const char *path, const uint32_t *ids, size_t n)
{
	FILE	*f;
	size_t	 i;

	if ((f = fopen(path, "w")) == NULL)
		return -1;
	for (i = 0; i < n; i++)
		fprintf(f, i > 0 ? " %u" : "%u", ids[i]);
	fputc('\n', f);
	return fclose(f);
}

/* usage: tokenizer_bench DATA_DIR ENCODING TEXT RUNS IDS_OUT; prints "mbps=<median>". */
int
main(int argc, char **argv)
{
	struct tokenizer	*t;
	enum tok_encoding	 enc;
	uint32_t		*ids;
	double			*mbps, t0;
	size_t			 len, n = 0, cap;
	char			*text;
	int			 runs, i;

	if (argc != 6 || tokenizer_encoding_parse(argv[2], &enc) != ST_OK ||
	    (runs = atoi(argv[4])) < 1) {
		fputs("usage: tokenizer_bench DATA_DIR ENCODING TEXT RUNS IDS_OUT\n",
		    stderr);
		return 2;
	}
	if (tokenizer_load(argv[1], enc, &t) != ST_OK)
		return 1;
	if ((text = slurp(argv[3], &len)) == NULL) {
		perror(argv[3]);
		return 1;
	}
	cap = len + 1;
	if ((ids = malloc(cap * sizeof(*ids))) == NULL ||
	    (mbps = malloc((size_t)runs * sizeof(*mbps))) == NULL)
		abort();
	for (i = 0; i < runs; i++) {
		t0 = now();
		n = tokenizer_encode(t, text, len, ids, cap);
		mbps[i] = (double)len / 1e6 / (now() - t0);
	}
	qsort(mbps, (size_t)runs, sizeof(*mbps), cmp_double);
	if (n > cap || write_ids(argv[5], ids, n) != 0)
		return 1;
	printf("mbps=%.2f tokens=%zu bytes=%zu\n", mbps[runs / 2], n, len);
	free(mbps);
	free(ids);
	free(text);
	tokenizer_free(t);
	return 0;
}
