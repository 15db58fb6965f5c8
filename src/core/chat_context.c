/* chat_context.c: a long conversation cut to what one request sends (chat_context.h). */
#include <string.h>

#include "chat_context.h"

size_t
context_fit(const int *cost, size_t n, long fixed, int note, long cap,
    unsigned char *keep)
{
	long	total = fixed;
	size_t	i, lo, hi;

	for (i = 0; i < n; i++)
		total += cost[i];
	memset(keep, 1, n);
	if (total <= cap)
		return 0;
	/*
	 * Something is left out: the note is sent, and what is kept is the
	 * first messages, [0, lo), and the newest, [hi, n).  The last
	 * exchange first (what the new message follows on), then the first
	 * one, then as much more of the newest as fits.
	 */
	memset(keep, 0, n);
	total = fixed + note;
	for (lo = 0, hi = n; hi > lo && n - hi < CONTEXT_KEEP_LAST &&
	    total + cost[hi - 1] <= cap; hi--)
		total += cost[hi - 1];
	for (; lo < hi && lo < CONTEXT_KEEP_FIRST && total + cost[lo] <= cap;
	    lo++)
		total += cost[lo];
	for (; hi > lo && total + cost[hi - 1] <= cap; hi--)
		total += cost[hi - 1];
	memset(keep, 1, lo);
	memset(keep + hi, 1, n - hi);
	return hi - lo;
}
