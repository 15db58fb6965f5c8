/* pool.h: the supervisor that keeps N single-threaded request processes alive. */
#ifndef VIVA_POOL_H
#define VIVA_POOL_H

/*
 * Forks n children that each call serve(fd, arg) and never return; replaces any
 * that dies; on SIGTERM or SIGINT stops them all and returns 0.
 */
int	pool_run(int n, int fd, void (*serve)(int, void *), void *arg);

#endif
