/*
 * lib_sandbox_test.c: a sandboxed child can still compute on what it holds
 * (memory, a memory file, the descriptors it kept, random bytes), loses the
 * descriptors it did not keep, cannot open a file (EACCES), and is killed
 * by SIGSYS the moment it tries to make a socket, run a program, fork, or
 * map executable memory.  viva-worker under its list (sandbox_worker) goes
 * on opening files, making and connecting sockets and resolving a name;
 * a call outside its list (a new thread, executable memory, getcwd) fails
 * with ENOSYS and a log line naming the call; it dies the moment it tries
 * to run a program or unshare.  A pool process's list (sandbox_no_intrusion)
 * lets it run a program and start threads, and still kills unshare.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <pthread.h>
#include <stdio.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <unistd.h>

#include "lib/sandbox.h"

enum attempt {
	A_WORK,		/* what a checker does: exits 0 if it all worked */
	A_SOCKET,
	A_EXEC,
	A_MMAP_EXEC,
	A_MPROTECT_EXEC,
	A_FORK,
};

/* In the child, sandboxed: the allowed work, each step's failure its own code. */
static int
work(int kept, int dropped)
{
	char	 buf[64] = "kept", *big, *p;
	int	 mfd;

	if (write(kept, buf, 4) != 4)
		return 10;
	if (write(dropped, buf, 4) != -1 || errno != EBADF)
		return 11;
	if ((big = malloc(8 << 20)) == NULL)
		return 12;
	memset(big, 1, 8 << 20);
	free(big);
	if ((mfd = memfd_create("t", MFD_CLOEXEC)) == -1 ||
	    write(mfd, buf, sizeof(buf)) != sizeof(buf) ||
	    lseek(mfd, 0, SEEK_END) != sizeof(buf))
		return 13;
	if ((p = mmap(NULL, sizeof(buf), PROT_READ, MAP_PRIVATE, mfd, 0)) ==
	    MAP_FAILED || memcmp(p, "kept", 4) != 0)
		return 14;
	munmap(p, sizeof(buf));
	close(mfd);
	if (getrandom(buf, sizeof(buf), 0) != sizeof(buf))
		return 15;
	if (open("/etc/hostname", O_RDONLY) != -1 || errno != EACCES)
		return 16;
	return 0;
}

static int
attempt(enum attempt what, int kept, int dropped)
{
	char	*argv[] = { "/bin/true", NULL };
	void	*p;

	switch (what) {
	case A_WORK:
		return work(kept, dropped);
	case A_SOCKET:
		return socket(AF_INET, SOCK_STREAM, 0) >= 0 ? 20 : 21;
	case A_EXEC:
		execve(argv[0], argv, NULL);
		return 21;
	case A_MMAP_EXEC:
		p = mmap(NULL, 4096, PROT_READ | PROT_EXEC,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		return p != MAP_FAILED ? 20 : 21;
	case A_MPROTECT_EXEC:
		p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
		    -1, 0);
		if (p == MAP_FAILED)
			return 22;
		return mprotect(p, 4096, PROT_READ | PROT_EXEC) == 0 ? 20 : 21;
	case A_FORK:
		return fork() >= 0 ? 20 : 21;
	}
	return 23;
}

/* Runs what in a sandboxed child; returns its wait status. */
static int
run(enum attempt what, char *got, size_t gotsz)
{
	int	 kept[2], dropped, wst;
	pid_t	 pid;
	ssize_t	 n;

	assert_int_equal(pipe(kept), 0);
	assert_true((dropped = open("/dev/null", O_WRONLY)) >= 0);
	if ((pid = fork()) == 0) {
		close(kept[0]);
		if (sandbox_child(&kept[1], 1) != 0)
			_exit(30);
		_exit(attempt(what, kept[1], dropped));
	}
	assert_true(pid > 0);
	close(kept[1]);
	close(dropped);
	n = read(kept[0], got, gotsz - 1);
	got[n > 0 ? n : 0] = '\0';
	close(kept[0]);
	assert_int_equal(waitpid(pid, &wst, 0), pid);
	return wst;
}

static void
test_the_child_computes_on_what_it_holds(void **state)
{
	char	got[16];
	int	wst;

	(void)state;
	wst = run(A_WORK, got, sizeof(got));
	assert_true(WIFEXITED(wst));
	assert_int_equal(WEXITSTATUS(wst), 0);
	assert_string_equal(got, "kept");
}

static void
test_anything_else_kills_it(void **state)
{
	static const enum attempt bad[] = { A_SOCKET, A_EXEC,
	    A_MMAP_EXEC, A_MPROTECT_EXEC, A_FORK };
	char	got[16];
	size_t	i;
	int	wst;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		wst = run(bad[i], got, sizeof(got));
		if (!WIFSIGNALED(wst) || WTERMSIG(wst) != SIGSYS)
			fail_msg("attempt %d: not killed by SIGSYS (status %#x)",
			    (int)bad[i], wst);
	}
}

static void *
thread_main(void *arg)
{
	*(int *)arg = 1;
	return NULL;
}

enum server_step { S_WORK, S_REFUSED, S_EXEC, S_UNSHARE };

/* A loopback socket listening on a free port, as a server opens before its filter. */
static int
listener(void)
{
	struct sockaddr_in	sin;
	int			lfd;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((lfd = socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
	    bind(lfd, (struct sockaddr *)&sin, sizeof(sin)) != 0 ||
	    listen(lfd, 1) != 0)
		return -1;
	return lfd;
}

/* What both lists let a server do: open a file, connect and accept on loopback. */
static int
server_work(int lfd)
{
	struct sockaddr_in	 sin;
	socklen_t		 len = sizeof(sin);
	int			 fd, afd;

	if ((fd = open("/etc/hostname", O_RDONLY)) < 0)
		return 31;
	close(fd);
	if (getsockname(lfd, (struct sockaddr *)&sin, &len) != 0)
		return 32;
	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
	    connect(fd, (struct sockaddr *)&sin, sizeof(sin)) != 0 ||
	    (afd = accept(lfd, NULL, NULL)) < 0 || write(fd, "x", 1) != 1 ||
	    read(afd, &len, 1) != 1)
		return 33;
	close(afd);
	close(fd);
	return 0;
}

/* The worker's list: each call outside it fails with ENOSYS, the process goes on. */
static int
worker_refusals(void)
{
	pthread_t	 t;
	char		 dir[256];
	int		 ran = 0;
	void		*p;

	if (syscall(SYS_getcwd, dir, sizeof(dir)) != -1 || errno != ENOSYS)
		return 40;
#ifndef __SANITIZE_ADDRESS__	/* whose leak check at exit needs clone */
	if (pthread_create(&t, NULL, thread_main, &ran) == 0)
		return 41;
#else
	(void)t;
	(void)ran;
#endif
	p = mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE |
	    MAP_ANONYMOUS, -1, 0);
	if (p != MAP_FAILED || errno != ENOSYS)
		return 42;
	return 0;
}

/* In a child under a server's list: what a server does, then step. */
static int
server(int worker, enum server_step step)
{
	char		*argv[] = { "/bin/true", NULL };
	struct addrinfo	*res;
	pthread_t	 t;
	int		 ran = 0, rc, lfd;

	if ((lfd = listener()) < 0)
		return 29;
	if ((worker ? sandbox_worker() : sandbox_no_intrusion()) != 0)
		return 30;
	if ((rc = server_work(lfd)) != 0)
		return rc;
	if (getaddrinfo("localhost", "80", NULL, &res) != 0)
		return 34;
	freeaddrinfo(res);
	if (!worker && (pthread_create(&t, NULL, thread_main, &ran) != 0 ||
	    pthread_join(t, NULL) != 0 || !ran))
		return 35;
	if (step == S_REFUSED)
		return worker_refusals();
	if (step == S_EXEC) {
		execve(argv[0], argv, NULL);
		return 36;
	}
	if (step == S_UNSHARE) {
		unshare(0);	/* changes nothing, yet the list kills it */
		return 37;
	}
	return 0;
}

/* A server child's wait status; its standard error in err. */
static int
server_status(int worker, enum server_step step, char *err, size_t errsz)
{
	int	 fds[2], wst;
	pid_t	 pid;
	ssize_t	 n;
	size_t	 got = 0;

	assert_int_equal(pipe(fds), 0);
	if ((pid = fork()) == 0) {
		close(fds[0]);
		dup2(fds[1], STDERR_FILENO);
#ifdef __SANITIZE_ADDRESS__
		/* LeakSanitizer's check at exit, under the filter too. */
		exit(server(worker, step));
#else
		_exit(server(worker, step));
#endif
	}
	assert_true(pid > 0);
	close(fds[1]);
	while (got + 1 < errsz && (n = read(fds[0], err + got,
	    errsz - 1 - got)) > 0)
		got += (size_t)n;
	err[got] = '\0';
	close(fds[0]);
	assert_int_equal(waitpid(pid, &wst, 0), pid);
	return wst;
}

static void
assert_exit_0(int wst)
{
	if (!WIFEXITED(wst) || WEXITSTATUS(wst) != 0)
		fail_msg("did not exit 0 (status %#x)", wst);
}

static void
assert_killed(int wst)
{
	if (!WIFSIGNALED(wst) || WTERMSIG(wst) != SIGSYS)
		fail_msg("not killed by SIGSYS (status %#x)", wst);
}

/* viva-worker's list. */
static void
test_the_worker_relays_but_cannot_run_a_program(void **state)
{
	char	err[1024];

	(void)state;
	assert_exit_0(server_status(1, S_WORK, err, sizeof(err)));
	assert_string_equal(err, "");
	assert_killed(server_status(1, S_EXEC, err, sizeof(err)));
	assert_killed(server_status(1, S_UNSHARE, err, sizeof(err)));
}

/* Refused, not killed: the caller sees ENOSYS and the log names the call. */
static void
test_the_worker_logs_each_call_outside_its_list(void **state)
{
	char	err[2048], want[64];

	(void)state;
	assert_exit_0(server_status(1, S_REFUSED, err, sizeof(err)));
	snprintf(want, sizeof(want), "refused system call %d;", SYS_getcwd);
	assert_non_null(strstr(err, want));
	snprintf(want, sizeof(want), "refused system call %d;", SYS_mmap);
	assert_non_null(strstr(err, want));
	assert_non_null(strstr(err, "\"level\":\"error\"}\n"));
}

/* A pool process's list: /bin/true runs (and exits 0), unshare kills. */
static void
test_a_pool_process_runs_programs_but_not_kernel_calls(void **state)
{
	char	err[1024];

	(void)state;
	assert_exit_0(server_status(0, S_WORK, err, sizeof(err)));
	assert_exit_0(server_status(0, S_EXEC, err, sizeof(err)));
	assert_killed(server_status(0, S_UNSHARE, err, sizeof(err)));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_child_computes_on_what_it_holds),
		cmocka_unit_test(test_anything_else_kills_it),
		cmocka_unit_test(test_the_worker_relays_but_cannot_run_a_program),
		cmocka_unit_test(test_the_worker_logs_each_call_outside_its_list),
		cmocka_unit_test(test_a_pool_process_runs_programs_but_not_kernel_calls),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
