/* clock.h: the monotonic clock in milliseconds, for deadlines, waits and timings. */
#ifndef VIVA_CLOCK_H
#define VIVA_CLOCK_H

#include <stdint.h>
#include <time.h>

static inline int64_t
clock_ms(void)
{
	struct timespec	t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* The same clock in microseconds, for times compared across processes and frames. */
static inline int64_t
clock_us(void)
{
	struct timespec	t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

/* The same clock to the nanosecond, for timings logged with fractions of a ms. */
static inline double
clock_ms_exact(void)
{
	struct timespec	t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

#endif
