/* metrics.c: the worker's counters and relay-latency histogram, as Prometheus text. */
#include <stdio.h>
#include <stdlib.h>

#include "worker.h"

/* Upper bounds in microseconds; the relay itself should stay under 1 ms. */
static const int64_t bounds[HIST_BUCKETS] = { 50, 100, 250, 500, 1000, 2500,
    5000, 10000, 50000, 250000 };

static const char *const dir_names[D__MAX] = {
	"browser_in",	/* D_BROWSER_IN */
	"browser_out",	/* D_BROWSER_OUT */
	"provider_in",	/* D_PROVIDER_IN */
	"provider_out",	/* D_PROVIDER_OUT */
};

void
metrics_latency(struct metrics *m, int64_t us)
{
	int	i;

	for (i = 0; i < HIST_BUCKETS && us > bounds[i]; i++)
		;
	m->hist[i]++;
	m->hist_sum += (double)us / 1e6;
	m->hist_count++;
}

static void
counter(FILE *f, const char *name, const char *help, unsigned long long v)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s counter\n%s %llu\n", name, help,
	    name, name, v);
}

static void
per_dir(FILE *f, const char *name, const char *help,
    const unsigned long long *v)
{
	int	i;

	fprintf(f, "# HELP %s %s\n# TYPE %s counter\n", name, help, name);
	for (i = 0; i < D__MAX; i++)
		fprintf(f, "%s{dir=\"%s\"} %llu\n", name, dir_names[i], v[i]);
}

static void
histogram(FILE *f, const struct metrics *m)
{
	unsigned long long	cum = 0;
	int			i;

	fputs("# HELP viva_worker_relay_seconds Time a message waited in the"
	    " worker, from read to written.\n# TYPE viva_worker_relay_seconds"
	    " histogram\n", f);
	for (i = 0; i < HIST_BUCKETS; i++) {
		cum += m->hist[i];
		fprintf(f, "viva_worker_relay_seconds_bucket{le=\"%g\"} %llu\n",
		    (double)bounds[i] / 1e6, cum);
	}
	cum += m->hist[HIST_BUCKETS];
	fprintf(f, "viva_worker_relay_seconds_bucket{le=\"+Inf\"} %llu\n"
	    "viva_worker_relay_seconds_sum %.6f\n"
	    "viva_worker_relay_seconds_count %llu\n", cum, m->hist_sum,
	    m->hist_count);
}

/* The page, malloc'd; the caller frees it. */
char *
metrics_render(const struct worker *w, size_t *len)
{
	const struct metrics	*m = &w->m;
	char			*p = NULL;
	FILE			*f = open_memstream(&p, len);

	if (f == NULL)
		abort();
	fprintf(f, "# HELP viva_worker_sessions Sessions open now.\n"
	    "# TYPE viva_worker_sessions gauge\nviva_worker_sessions %d\n",
	    w->nsessions);
	counter(f, "viva_worker_sessions_total", "Sessions accepted.",
	    m->sessions_total);
	per_dir(f, "viva_worker_frames_total", "WebSocket messages relayed.",
	    m->frames);
	per_dir(f, "viva_worker_bytes_total", "Payload bytes relayed.",
	    m->bytes);
	counter(f, "viva_worker_refused_tickets_total",
	    "Connections refused for a bad or expired ticket.",
	    m->refused_ticket);
	counter(f, "viva_worker_refused_interviews_total",
	    "Valid tickets for an interview not running by voice.",
	    m->refused_interview);
	counter(f, "viva_worker_dropped_bad_frames_total",
	    "Browser frames of the wrong size or type.", m->dropped_bad_frame);
	counter(f, "viva_worker_dropped_too_fast_total",
	    "Browser audio frames beyond real time.", m->dropped_too_fast);
	counter(f, "viva_worker_provider_bad_json_total",
	    "Provider messages that were not JSON events.", m->provider_bad_json);
	counter(f, "viva_worker_provider_unknown_total",
	    "Provider events of a type the worker ignores.", m->provider_unknown);
	counter(f, "viva_worker_provider_drops_total",
	    "Provider connections lost while the browser was there.",
	    m->provider_drops);
	counter(f, "viva_worker_barge_ins_total",
	    "AI replies cancelled by the candidate's speech.", m->barge_ins);
	counter(f, "viva_worker_tool_calls_total", "Function calls run.",
	    m->tool_calls);
	histogram(f, m);
	fclose(f);
	return p;
}
