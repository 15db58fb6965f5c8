/* conns.h: the FastCGI connections nginx keeps open to a pool process. */
#ifndef VIVA_CONNS_H
#define VIVA_CONNS_H

/*
 * In the supervisor, before the pool forks: the hand-over socket and the
 * count of idle processes that every pool process shares.  0, or -1.
 */
int	conns_shared_init(void);
/* In a pool process: wait on listen_fd, the hand-over and kept connections. */
int	conns_open(int listen_fd);
/*
 * A connection with a request to read, accepting new ones and taking those
 * handed over on the way; -1 once timeout_ms (< 0: none) passed without one.
 */
int	conns_next(int timeout_ms);
/* The request on fd ended; kept: libfcgi left the connection open. */
void	conns_done(int fd, int kept);
/* Hands every kept connection but the one being served to another process. */
void	conns_give_away(void);
/* From now on SIGUSR2 during a request gives them away (pool_nudge_stuck). */
int	conns_catch_nudges(void);

#endif
