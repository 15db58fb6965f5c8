/*
 * engine_bench.c: nanoseconds per engine_answer(), the adaptive engine's
 * decision alone.  A fixed, repeating series of evaluations drives the
 * state through ups, downs and boundaries; the state starts over whenever
 * the interview completes.  Prints "engine_ns=<median of 5 runs>".
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/engine.h"
#include "median.h"

#define CALLS	1000000

static const char *const skills[] = { "language_core", "data_structures",
	"testing", "concurrency" };

static double
run(void)
{
	static const struct evaluation evs[] = {
		{ Q_EXCELLENT, 0.95, 0.9 }, { Q_GOOD, 0.8, 0.7 },
		{ Q_EXCELLENT, 0.9, 0.85 }, { Q_POOR, 0.2, 0.3 },
		{ Q_FAIR, 0.5, 0.5 }, { Q_POOR, 0.1, 0.2 },
		{ Q_GOOD, 0.7, 0.8 },
	};
	struct engine_state	 s;
	struct decision		 d;
	struct timespec		 t0, t1;
	unsigned long		 sink = 0;
	int			 i;

	engine_init(&s, skills, 4, 8, 50);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < CALLS; i++) {
		if (s.complete)
			engine_init(&s, skills, 4, 8, 50);
		engine_answer(&s, s.current_skill, &evs[i % 7], false, i, &d);
		sink += (unsigned long)d.move;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (sink == 42)
		puts("");	/* keeps the loop from being optimised away */
	return ((double)(t1.tv_sec - t0.tv_sec) * 1e9 +
	    (double)(t1.tv_nsec - t0.tv_nsec)) / CALLS;
}

int
main(void)
{
	double	ns[5];
	int	i;

	for (i = 0; i < 5; i++)
		ns[i] = run();
	printf("engine_ns=%.1f\n", median(ns, 5));
	return 0;
}
