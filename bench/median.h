/* median.h: the median of a bench program's runs (sorts v in place). */
#ifndef VIVA_BENCH_MEDIAN_H
#define VIVA_BENCH_MEDIAN_H

#include <stdlib.h>

static int
median_cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double
median(double *v, size_t n)
{
	qsort(v, n, sizeof(v[0]), median_cmp);
	return v[n / 2];
}

#endif
