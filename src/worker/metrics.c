/* metrics.c: the worker's counters and relay-latency histogram, as Prometheus text. */
#include <stdio.h>
#include <stdlib.h>

#include "worker.h"

/* Upper bounds in microseconds; the relay itself should stay under 1 ms. */
static const int64_t relay_bounds[HIST_BUCKETS] = { 50, 100, 250, 500, 1000,
    2500, 5000, 10000, 50000, 250000 };
/* A database job: a few local queries take milliseconds; a lock, seconds. */
static const int64_t db_bounds[HIST_BUCKETS] = { 500, 1000, 2500, 5000,
    10000, 25000, 100000, 500000, 2500000, 10000000 };

static const char *const dir_names[D__MAX] = {
	"browser_in",	/* D_BROWSER_IN */
	"browser_out",	/* D_BROWSER_OUT */
	"provider_in",	/* D_PROVIDER_IN */
	"provider_out",	/* D_PROVIDER_OUT */
};

static void
hist_add(struct hist *h, const int64_t *bounds, int64_t us)
{
	int	i;

	for (i = 0; i < HIST_BUCKETS && us > bounds[i]; i++)
		;
	h->b[i]++;
	h->sum += (double)us / 1e6;
	h->count++;
}

void
metrics_latency(struct metrics *m, int64_t us)
{
	hist_add(&m->relay, relay_bounds, us);
}

void
metrics_db(struct metrics *m, int64_t us)
{
	hist_add(&m->db, db_bounds, us);
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
gauge(FILE *f, const char *name, const char *help, long long v)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s gauge\n%s %lld\n", name, help,
	    name, name, v);
}

static void
histogram(FILE *f, const char *name, const char *help, const struct hist *h,
    const int64_t *bounds)
{
	unsigned long long	cum = 0;
	int			i;

	fprintf(f, "# HELP %s %s\n# TYPE %s histogram\n", name, help, name);
	for (i = 0; i < HIST_BUCKETS; i++) {
		cum += h->b[i];
		fprintf(f, "%s_bucket{le=\"%g\"} %llu\n", name,
		    (double)bounds[i] / 1e6, cum);
	}
	cum += h->b[HIST_BUCKETS];
	fprintf(f, "%s_bucket{le=\"+Inf\"} %llu\n%s_sum %.6f\n%s_count"
	    " %llu\n", name, cum, name, h->sum, name, h->count);
}

/* Bytes waiting in every session's queues: bounded by backpressure. */
static long long
queued_bytes(const struct worker *w)
{
	const struct session	*s;
	long long		 n = 0;

	for (s = w->sessions; s != NULL; s = s->next)
		n += (long long)(s->to_browser.bytes + s->to_provider.bytes);
	return n;
}

static void
db_metrics(FILE *f, struct worker *w)
{
	struct dbq_stats	st;

	dbq_stats(w, &st);
	gauge(f, "viva_worker_db_jobs_queued", "Database jobs waiting for"
	    " a database thread.", st.queued);
	gauge(f, "viva_worker_db_jobs_in_flight", "Database jobs running"
	    " now.", st.in_flight);
	counter(f, "viva_worker_db_jobs_total", "Database jobs made.",
	    w->m.db_jobs);
	counter(f, "viva_worker_db_refused_total", "Database jobs refused:"
	    " the queue was full.", w->m.db_refused);
	counter(f, "viva_worker_db_unavailable_total", "Database jobs that"
	    " found the database unreachable (refused ones included).",
	    w->m.db_unavailable);
	counter(f, "viva_worker_db_reconnects_total", "Database connections"
	    " re-established.", st.reconnects);
	histogram(f, "viva_worker_db_seconds", "Time a database job took,"
	    " from queued to its result back on the loop.", &w->m.db,
	    db_bounds);
}

/* The page, malloc'd; the caller frees it. */
char *
metrics_render(struct worker *w, size_t *len)
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
	counter(f, "viva_worker_provider_unreachable_total",
	    "Sessions refused because the provider could not be reached or"
	    " refused the handshake.", m->provider_unreachable);
	counter(f, "viva_worker_provider_errors_total",
	    "Sessions ended by an error event from the provider.",
	    m->provider_errors);
	counter(f, "viva_worker_provider_errors_ignored_total",
	    "Provider error events of a benign code, logged only.",
	    m->provider_errors_benign);
	counter(f, "viva_worker_replaced_total", "Sessions closed because"
	    " a newer one opened for the same interview.", m->replaced);
	counter(f, "viva_worker_barge_ins_total",
	    "AI replies cancelled by the candidate's speech.", m->barge_ins);
	counter(f, "viva_worker_tool_calls_total", "Function calls run.",
	    m->tool_calls);
	counter(f, "viva_worker_stalled_total", "Sessions closed because a"
	    " side stopped reading.", m->stalled);
	gauge(f, "viva_worker_queued_bytes", "Bytes waiting in sessions'"
	    " queues.", queued_bytes(w));
	histogram(f, "viva_worker_relay_seconds", "Time a message waited in"
	    " the worker, from read to written.", &m->relay, relay_bounds);
	db_metrics(f, w);
	fclose(f);
	return p;
}
