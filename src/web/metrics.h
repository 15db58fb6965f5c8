/* metrics.h: request counters shared by every process of the pool, for /metrics. */
#ifndef VIVA_METRICS_H
#define VIVA_METRICS_H

#include "lib/arena.h"

struct route;

/* Maps the shared counters; call once in the supervisor before forking. */
int	metrics_init(void);
/* Counts one request; reconnects is the process's running total of database reconnects. */
void	metrics_record(const struct route *, int status, double ms,
	    unsigned long reconnects);
/* Counts a pool process that died and was replaced. */
void	metrics_worker_restart(void);
/* An extra pool process started (+1) or ended (-1). */
void	metrics_pool_extra(int delta);
/* FastCGI connections accepted from nginx (n = 1) or handed to another process. */
void	metrics_connection_accepted(void);
void	metrics_connections_handed_over(int n);
/* The Prometheus text exposition of everything counted. */
void	metrics_render(struct buf *);

#endif
