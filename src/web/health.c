/* health.c: /healthz for load balancers, /metrics for Prometheus. */
#include "handlers.h"
#include "metrics.h"

enum status
health_check(struct req *r)
{
	static const char	ok[] = "ok\n", down[] = "database unavailable\n";

	if (db_ping(r->db) != ST_OK)
		return resp_text(r, 503, "text/plain; charset=utf-8", down,
		    sizeof(down) - 1);
	return resp_text(r, 200, "text/plain; charset=utf-8", ok, sizeof(ok) - 1);
}

enum status
health_metrics(struct req *r)
{
	struct buf	b;

	buf_init(&b, r->a);
	metrics_render(&b);
	return resp_text(r, 200, "text/plain; version=0.0.4; charset=utf-8",
	    b.p, b.len);
}
