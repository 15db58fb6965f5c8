/* conns.h: the FastCGI connections nginx keeps open to a pool process. */
#ifndef VIVA_CONNS_H
#define VIVA_CONNS_H

/*
 * In the supervisor, before the pool forks: each of its `slots` processes'
 * inbox for connections handed over and what the others see of its load.
 */
int	conns_shared_init(int slots);
/* In pool process `slot`: wait on listen_fd, its inbox and kept connections. */
int	conns_open(int listen_fd, int slot);
/*
 * A connection with a request to read, accepting new ones and taking those
 * handed over on the way; -1 once timeout_ms (< 0: none) passed without one.
 */
int	conns_next(int timeout_ms);
/* The request on fd ended; kept: libfcgi left the connection open. */
void	conns_done(int fd, int kept);
/* Hands every kept connection but the one being served to another process. */
void	conns_give_away(void);
/*
 * A reserve about to rest (1) gives everything away and is sent nothing
 * until it takes requests again (0); so does a process about to exit.
 */
void	conns_rest(int resting);
/* From now on SIGUSR2 during a request gives them away (pool_nudge_stuck). */
int	conns_catch_nudges(void);

#endif
