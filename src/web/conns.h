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
/*
 * A process about to rest (a reserve), exit or wait on another server (1)
 * is sent nothing more and hands every kept connection but the one being
 * served to another, until it takes requests again (0).  Returns how many
 * it still keeps because no process took them: a reserve does not rest
 * then, and a process that waits on with some is nudged once one takes.
 */
int	conns_rest(int resting);
/* conns_rest as the pool's wait hook (pool_on_wait). */
void	conns_waiting(int waiting);
/* How many connections slot's process keeps that nobody took from it. */
int	conns_stranded(int slot);
/* From now on SIGUSR2 during a request does the same (pool_nudge_stuck). */
int	conns_catch_nudges(void);
/* In the supervisor: slot's process is gone; what was sent to it goes on. */
void	conns_forward(int slot);

#endif
