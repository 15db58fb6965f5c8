/* metrics.c: counters in one shared anonymous mapping, updated with atomics. */
#include <stdatomic.h>
#include <stddef.h>
#include <sys/mman.h>

#include "metrics.h"
#include "router.h"

#define MAX_ROUTES	128

static const int codes[] = { 200, 201, 303, 304, 400, 401, 403, 404, 405, 409,
    413, 422, 429, 500, 503 };
#define NCODES		(sizeof(codes) / sizeof(codes[0]))

/* Upper bounds in seconds, as Prometheus histograms want. */
static const double bounds[] = { 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
    0.05, 0.1, 0.25, 0.5, 1, 2.5, 5 };
#define NBOUNDS		(sizeof(bounds) / sizeof(bounds[0]))

struct shared {
	atomic_ulong	requests[MAX_ROUTES + 1][NCODES + 1];	/* last column: other codes */
	atomic_ulong	buckets[NBOUNDS + 1];			/* last: +Inf */
	atomic_ulong	count;
	atomic_ulong	sum_us;
	atomic_ulong	db_reconnects;
	atomic_ulong	worker_restarts;
	atomic_long	extra_workers;		/* a gauge */
	atomic_ulong	extra_spawned;
	atomic_ulong	conns_accepted;
	atomic_ulong	conns_handed_over;
};

static struct shared	*shm;
static unsigned long	 seen_reconnects;	/* this process's total already counted */

int
metrics_init(void)
{
	void	*p;

	p = mmap(NULL, sizeof(*shm), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	shm = p;	/* zero-filled by the kernel */
	return 0;
}

static size_t
code_slot(int status)
{
	size_t	i;

	for (i = 0; i < NCODES; i++)
		if (codes[i] == status)
			return i;
	return NCODES;
}

void
metrics_record(const struct route *rt, int status, double ms,
    unsigned long reconnects)
{
	size_t	ri, b;

	if (shm == NULL)
		return;	/* plain CGI: nothing outlives the request */
	ri = rt != NULL ? router_index(rt) : router_count();
	if (ri > MAX_ROUTES)
		ri = MAX_ROUTES;
	atomic_fetch_add_explicit(&shm->requests[ri][code_slot(status)], 1,
	    memory_order_relaxed);
	for (b = 0; b < NBOUNDS && ms / 1000 > bounds[b]; b++)
		continue;
	atomic_fetch_add_explicit(&shm->buckets[b], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&shm->count, 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&shm->sum_us, (unsigned long)(ms * 1000),
	    memory_order_relaxed);
	if (reconnects > seen_reconnects) {
		atomic_fetch_add(&shm->db_reconnects, reconnects - seen_reconnects);
		seen_reconnects = reconnects;
	}
}

void
metrics_worker_restart(void)
{
	if (shm != NULL)
		atomic_fetch_add(&shm->worker_restarts, 1);
}

void
metrics_pool_extra(int delta)
{
	if (shm == NULL)
		return;
	atomic_fetch_add(&shm->extra_workers, delta);
	if (delta > 0)
		atomic_fetch_add(&shm->extra_spawned, 1);
}

void
metrics_connection_accepted(void)
{
	if (shm != NULL)
		atomic_fetch_add(&shm->conns_accepted, 1);
}

void
metrics_connections_handed_over(int n)
{
	if (shm != NULL)
		atomic_fetch_add(&shm->conns_handed_over, (unsigned long)n);
}

static void
render_requests(struct buf *b)
{
	size_t		i, c;
	unsigned long	n;

	buf_puts(b, "# HELP viva_http_requests_total HTTP requests by route and status.\n"
	    "# TYPE viva_http_requests_total counter\n");
	for (i = 0; i <= router_count() && i <= MAX_ROUTES; i++)
		for (c = 0; c <= NCODES; c++) {
			if ((n = atomic_load(&shm->requests[i][c])) == 0)
				continue;
			if (c < NCODES)
				buf_printf(b, "viva_http_requests_total{route=\"%s\","
				    "status=\"%d\"} %lu\n", router_name(i), codes[c], n);
			else
				buf_printf(b, "viva_http_requests_total{route=\"%s\","
				    "status=\"other\"} %lu\n", router_name(i), n);
		}
}

static void
render_latency(struct buf *b)
{
	unsigned long	cum = 0;
	size_t		i;

	buf_puts(b, "# HELP viva_http_request_duration_seconds Time from request read to response written.\n"
	    "# TYPE viva_http_request_duration_seconds histogram\n");
	for (i = 0; i < NBOUNDS; i++) {
		cum += atomic_load(&shm->buckets[i]);
		buf_printf(b, "viva_http_request_duration_seconds_bucket{le=\"%g\"} %lu\n",
		    bounds[i], cum);
	}
	cum += atomic_load(&shm->buckets[NBOUNDS]);
	buf_printf(b, "viva_http_request_duration_seconds_bucket{le=\"+Inf\"} %lu\n", cum);
	buf_printf(b, "viva_http_request_duration_seconds_sum %.6f\n",
	    (double)atomic_load(&shm->sum_us) / 1e6);
	buf_printf(b, "viva_http_request_duration_seconds_count %lu\n",
	    atomic_load(&shm->count));
}

void
metrics_render(struct buf *b)
{
	if (shm == NULL) {
		buf_puts(b, "# viva.fcgi runs as plain CGI: no counters kept\n");
		return;
	}
	render_requests(b);
	render_latency(b);
	buf_printf(b, "# HELP viva_db_reconnects_total Database connections re-established after being lost.\n"
	    "# TYPE viva_db_reconnects_total counter\nviva_db_reconnects_total %lu\n",
	    atomic_load(&shm->db_reconnects));
	buf_printf(b, "# HELP viva_fcgi_worker_restarts_total Pool processes that died and were replaced.\n"
	    "# TYPE viva_fcgi_worker_restarts_total counter\nviva_fcgi_worker_restarts_total %lu\n",
	    atomic_load(&shm->worker_restarts));
	buf_printf(b, "# HELP viva_fcgi_extra_workers Processes added while others wait on the AI provider.\n"
	    "# TYPE viva_fcgi_extra_workers gauge\nviva_fcgi_extra_workers %ld\n"
	    "# HELP viva_fcgi_extra_workers_started_total Such processes started.\n"
	    "# TYPE viva_fcgi_extra_workers_started_total counter\n"
	    "viva_fcgi_extra_workers_started_total %lu\n",
	    atomic_load(&shm->extra_workers), atomic_load(&shm->extra_spawned));
	buf_printf(b, "# HELP viva_fcgi_connections_accepted_total Connections from nginx accepted (it keeps them for further requests).\n"
	    "# TYPE viva_fcgi_connections_accepted_total counter\n"
	    "viva_fcgi_connections_accepted_total %lu\n"
	    "# HELP viva_fcgi_connections_handed_over_total Kept connections handed to another pool process (one idle, or this one about to wait).\n"
	    "# TYPE viva_fcgi_connections_handed_over_total counter\n"
	    "viva_fcgi_connections_handed_over_total %lu\n",
	    atomic_load(&shm->conns_accepted),
	    atomic_load(&shm->conns_handed_over));
}
