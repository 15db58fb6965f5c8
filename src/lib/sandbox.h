/* sandbox.h: seccomp filters: a parsing child's allow-list, a server's deny-list. */
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
 * For a long-lived process after its setup, all its threads: any later
 * attempt to run a program (execve), load kernel code, mount, or trace
 * another process kills it.  Everything else goes on.  0, or -1 with errno.
 */
int	sandbox_no_exec(void);

/*
 * The same, but programs may still be run (a pool process runs espeak-ng,
 * whose child inherits the list).  0, or -1 with errno.
 */
int	sandbox_no_intrusion(void);

#endif
