/* pool.h: the supervisor that keeps N single-threaded request processes alive. */
#ifndef VIVA_POOL_H
#define VIVA_POOL_H

/*
 * Forks base children that each call serve(fd, arg) and never return; replaces
 * any that dies; while some wait on another server (lib/http's wait hook) forks
 * extras so that base stay free, up to max in all; on SIGTERM or SIGINT stops
 * them all and returns 0.
 */
int	pool_run(int base, int max, int fd, void (*serve)(int, void *), void *arg);
/* In a child: the supervisor has too many; finish this request and exit. */
int	pool_retiring(void);

#endif
