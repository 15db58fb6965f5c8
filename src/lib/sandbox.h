/* sandbox.h: seccomp filters: allow-lists for a parsing child and viva-worker, a deny-list for the pool. */
#ifndef VIVA_SANDBOX_H
#define VIVA_SANDBOX_H

#include <stddef.h>

/*
 * In a child just forked: closes every descriptor from 3 up but keep[0..n),
 * then allows only the system calls of reading, writing and converting
 * bytes it already holds (see sandbox.c); any other call kills it.  Standard
 * input, output and error stay (the log).  0, or -1 with errno when the
 * kernel or the architecture has no seccomp filters: the caller decides
 * whether to go on without.
 */
int	sandbox_child(const int *keep, size_t n);

/*
 * viva-worker after its setup, all its threads: any later attempt to run a
 * program (execve), load kernel code, mount, or trace another process kills
 * it; the calls of relaying, name resolution, TLS and database reconnects
 * go on (see sandbox.c); any other call fails with ENOSYS and a log line on
 * standard error naming it.  Installs a SIGSYS handler.  0, or -1 with errno.
 */
int	sandbox_worker(void);

/*
 * For a pool process after its setup: loading kernel code, mounting or
 * tracing kills it; everything else goes on, programs too (it runs
 * espeak-ng, whose child inherits the list).  0, or -1 with errno.
 */
int	sandbox_no_intrusion(void);

#endif
