/* pool.h: the supervisor that keeps N single-threaded request processes alive. */
#ifndef VIVA_POOL_H
#define VIVA_POOL_H

/*
 * Forks base children that each call serve(fd, arg) and never return; replaces
 * any that dies; while some wait on another server (lib/http's wait hook) forks
 * extras so that `active` stay free, up to max in all; on SIGTERM or SIGINT stops
 * them all and returns 0.  The first `active` take every request; the rest of
 * base, only while an active one is stuck (pool_await_turn).
 */
int	pool_run(int active, int base, int max, int fd, void (*serve)(int, void *),
	    void *arg);
/* In a child: the supervisor has too many; finish this request and exit. */
int	pool_retiring(void);
/* In a child, before accept: a reserve process waits here until it is needed. */
void	pool_await_turn(void);
/* In a child: its place in the pool, 0 to max - 1 (a replacement takes the dead one's). */
int	pool_slot(void);
/* In a child: whether it is a reserve process that would wait now. */
int	pool_resting(void);
/* In a child: how long to wait for a request before looking again (-1: no end). */
int	pool_look_ms(void);
/*
 * In a child between requests: signals (SIGUSR2) processes that keep idle
 * connections they cannot serve soon (pool.c says which) to hand them over.
 */
void	pool_nudge_stuck(void);
/* In a child: fn(1) runs as it starts to wait on another server, fn(0) after. */
void	pool_on_wait(void (*fn)(int waiting));
/* In a child: a request started (1) or ended (0), for the reserve to see. */
void	pool_request(int started);

#endif
