/*
 * sandbox.c: narrow a child that parses untrusted bytes (STYLE.md section 10).
 *
 * The child keeps only the descriptors it was told to keep: the parent's
 * database link, its FastCGI connection and listening socket are closed, so
 * code that took over the child finds no one to talk to.  Then a seccomp
 * allow-list (a hand-written BPF program, as kcgi's and kore's) leaves it
 * computing: memory, reading and writing what it holds, anonymous memory
 * files, random bytes, the clock, and exit.  No socket, exec, fork or
 * signal to others; no executable memory.  Opening a file fails with
 * EACCES; any other call outside the list kills the child, which its parent
 * sees as a checker that died.
 *
 * viva-worker, after its setup, lives on an allow-list of its own: the
 * calls of relaying sockets, resolving a name, reading a certificate and
 * reconnecting to PostgreSQL.  Those that only an intruder makes (running a
 * program, loading kernel code, mounting, tracing) kill it at once; any
 * other call outside the list is refused with ENOSYS and logged with its
 * number, so that a path the tests never took (a resolver module, a TLS
 * library's lookup) fails one operation with a line that names the call,
 * instead of taking every session down.
 *
 * A pool process runs espeak-ng, whose child inherits the filter, so it
 * gets only the deny-list of the intruder's calls.
 */
#include <errno.h>
#include <signal.h>
#include <ucontext.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sandbox.h"
#include "status.h"

#if defined(__x86_64__)
#define SANDBOX_ARCH	AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define SANDBOX_ARCH	AUDIT_ARCH_AARCH64
#endif

#define LOAD(field)	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, \
			    offsetof(struct seccomp_data, field))
#define RET(v)		BPF_STMT(BPF_RET | BPF_K, (v))
/* If the loaded value is nr, return v; else fall through. */
#define ALLOW(nr)	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 1), \
			RET(SECCOMP_RET_ALLOW)
/* Fails with an errno, for calls a library may try and do without. */
#define DENY(nr, e)	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 1), \
			RET(SECCOMP_RET_ERRNO | ((e) & SECCOMP_RET_DATA))
/* Allowed when the protection argument has no PROT_EXEC; else returns v. */
#define NO_EXEC_ELSE(nr, v) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 4), \
			LOAD(args[2]), \
			BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, PROT_EXEC, 1, 0), \
			RET(SECCOMP_RET_ALLOW), \
			RET(v)
#define NO_EXEC(nr)	NO_EXEC_ELSE(nr, SECCOMP_RET_KILL_PROCESS)

#ifdef SANDBOX_ARCH
/*
 * Every list starts so: only this architecture's numbers mean what the list
 * says, and x32's (the same numbers with a high bit) would walk around a
 * deny-list.  Leaves the call's number loaded.
 */
#ifdef __X32_SYSCALL_BIT
#define NOT_X32		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, __X32_SYSCALL_BIT, 0, 1), \
			RET(SECCOMP_RET_KILL_PROCESS),
#else
#define NOT_X32
#endif
#define PRELUDE		LOAD(arch), \
			BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SANDBOX_ARCH, 1, 0), \
			RET(SECCOMP_RET_KILL_PROCESS), \
			LOAD(nr), \
			NOT_X32

static const struct sock_filter allow_list[] = {
	PRELUDE
	ALLOW(__NR_read),
	ALLOW(__NR_pread64),
	ALLOW(__NR_write),
	ALLOW(__NR_writev),
	ALLOW(__NR_pwrite64),
	ALLOW(__NR_lseek),
	ALLOW(__NR_fstat),
#ifdef __NR_newfstatat
	ALLOW(__NR_newfstatat),
#endif
	ALLOW(__NR_ftruncate),
	ALLOW(__NR_close),
	ALLOW(__NR_memfd_create),
	ALLOW(__NR_brk),
	ALLOW(__NR_munmap),
	ALLOW(__NR_mremap),
	ALLOW(__NR_madvise),
	ALLOW(__NR_futex),
	ALLOW(__NR_getrandom),
	ALLOW(__NR_clock_gettime),
	ALLOW(__NR_gettimeofday),
	ALLOW(__NR_getpid),
	ALLOW(__NR_rt_sigreturn),
	ALLOW(__NR_sigaltstack),	/* AddressSanitizer, on the way out */
	ALLOW(__NR_exit),
	ALLOW(__NR_exit_group),
	/* libsndfile looks for a Mac resource fork beside a file it cannot
	 * read: refused, not fatal. */
	DENY(__NR_openat, EACCES),
#ifdef __NR_open
	DENY(__NR_open, EACCES),
#endif
	NO_EXEC(__NR_mmap),
	LOAD(nr),
	NO_EXEC(__NR_mprotect),
	RET(SECCOMP_RET_KILL_PROCESS),
};

/*
 * What a long-lived network process never does: run a program (viva-worker;
 * the pool runs espeak-ng), or reach into the kernel's or other processes'
 * insides.  Killed at once.  ptrace and process_vm_* stay open under
 * AddressSanitizer, whose leak check at exit attaches to the process's own
 * threads.
 */
#define KILL(nr)	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 1), \
			RET(SECCOMP_RET_KILL_PROCESS)
static const struct sock_filter server_prelude[] = {
	PRELUDE
};
static const struct sock_filter exec_calls[] = {
	KILL(__NR_execve),
	KILL(__NR_execveat),
};
static const struct sock_filter intrusions[] = {
#ifndef __SANITIZE_ADDRESS__
	KILL(__NR_ptrace),
	KILL(__NR_process_vm_readv),
	KILL(__NR_process_vm_writev),
#endif
	KILL(__NR_mount),
	KILL(__NR_umount2),
	KILL(__NR_pivot_root),
	KILL(__NR_chroot),
	KILL(__NR_unshare),
	KILL(__NR_setns),
	KILL(__NR_kexec_load),
	KILL(__NR_kexec_file_load),
	KILL(__NR_init_module),
	KILL(__NR_finit_module),
	KILL(__NR_delete_module),
	KILL(__NR_bpf),
	KILL(__NR_perf_event_open),
	KILL(__NR_userfaultfd),
	KILL(__NR_keyctl),
	KILL(__NR_add_key),
	KILL(__NR_request_key),
	KILL(__NR_personality),
};
#undef KILL
static const struct sock_filter allow_the_rest[] = {
	RET(SECCOMP_RET_ALLOW),
};

/*
 * viva-worker's calls once set up, the busiest first (each call walks the
 * list to its entry).  Seen with strace through worker_test, plus what name
 * resolution, OpenSSL's certificate lookup and libpq's reconnect make.
 */
static const struct sock_filter worker_calls[] = {
#ifdef __NR_epoll_wait
	ALLOW(__NR_epoll_wait),
#endif
	ALLOW(__NR_epoll_pwait),
	ALLOW(__NR_sendto),
	ALLOW(__NR_recvfrom),
	ALLOW(__NR_epoll_ctl),	/* a socket's first and last */
#ifdef __NR_poll
	ALLOW(__NR_poll),	/* libpq, on the database threads */
#endif
	ALLOW(__NR_ppoll),
	ALLOW(__NR_read),
	ALLOW(__NR_write),
	ALLOW(__NR_fcntl),
	ALLOW(__NR_setsockopt),
	ALLOW(__NR_close),
	ALLOW(__NR_futex),
	ALLOW(__NR_accept),
	ALLOW(__NR_accept4),
	ALLOW(__NR_shutdown),
	ALLOW(__NR_clock_gettime),
	ALLOW(__NR_socket),
	ALLOW(__NR_connect),
	ALLOW(__NR_getsockopt),
	ALLOW(__NR_writev),
	ALLOW(__NR_readv),
	ALLOW(__NR_sendmsg),
	ALLOW(__NR_recvmsg),
	ALLOW(__NR_sendmmsg),	/* the resolver: A and AAAA at once */
	ALLOW(__NR_getsockname),
	ALLOW(__NR_getpeername),
	ALLOW(__NR_bind),
	ALLOW(__NR_ioctl),	/* the resolver's FIONREAD */
	ALLOW(__NR_brk),
	ALLOW(__NR_munmap),
	ALLOW(__NR_mremap),
	ALLOW(__NR_madvise),
	ALLOW(__NR_openat),	/* resolv.conf, hosts, certificates, .pgpass */
#ifdef __NR_open
	ALLOW(__NR_open),
#endif
	ALLOW(__NR_fstat),
#ifdef __NR_newfstatat
	ALLOW(__NR_newfstatat),
#endif
#ifdef __NR_stat
	ALLOW(__NR_stat),
#endif
	ALLOW(__NR_statx),
	ALLOW(__NR_lseek),
	ALLOW(__NR_pread64),
	ALLOW(__NR_getdents64),
	ALLOW(__NR_unlink),	/* its pidfile, on the way out */
	ALLOW(__NR_uname),	/* the resolver's own domain */
	ALLOW(__NR_getrandom),
	ALLOW(__NR_gettimeofday),
	ALLOW(__NR_clock_getres),
	ALLOW(__NR_clock_nanosleep),
	ALLOW(__NR_nanosleep),
	ALLOW(__NR_sched_yield),
	ALLOW(__NR_getpid),
	ALLOW(__NR_gettid),
	ALLOW(__NR_getuid),
	ALLOW(__NR_geteuid),
	ALLOW(__NR_getgid),
	ALLOW(__NR_getegid),
	ALLOW(__NR_rt_sigaction),
	ALLOW(__NR_rt_sigprocmask),
	ALLOW(__NR_rt_sigreturn),
	ALLOW(__NR_sigaltstack),
	ALLOW(__NR_tgkill),	/* abort() */
	ALLOW(__NR_exit),
	ALLOW(__NR_exit_group),
	/*
	 * A database thread started just before the filter may still be in
	 * its first calls, which glibc makes with every signal blocked: a
	 * trap there would kill.
	 */
	ALLOW(__NR_rseq),
	ALLOW(__NR_set_robust_list),
#ifdef __SANITIZE_ADDRESS__
	/*
	 * LeakSanitizer, at exit, stops the threads from a clone of its own
	 * that traces them, with every signal blocked.
	 */
	ALLOW(__NR_clone),
	ALLOW(__NR_wait4),
	ALLOW(__NR_prctl),
	ALLOW(__NR_ptrace),
	ALLOW(__NR_getppid),
	ALLOW(__NR_sched_getaffinity),
#ifdef __NR_getdents
	ALLOW(__NR_getdents),	/* its list of the threads, in /proc */
#endif
#ifdef __NR_readlink
	ALLOW(__NR_readlink),	/* /proc/self/exe, to name a leak's frames */
#endif
	ALLOW(__NR_readlinkat),
#endif
	/*
	 * No thread or process after setup.  Refused here, not trapped: glibc
	 * blocks every signal around clone, and a blocked SIGSYS kills.
	 */
	DENY(__NR_clone3, ENOSYS),
	DENY(__NR_clone, EPERM),
	NO_EXEC_ELSE(__NR_mmap, SECCOMP_RET_TRAP),
	LOAD(nr),
	NO_EXEC_ELSE(__NR_mprotect, SECCOMP_RET_TRAP),
	RET(SECCOMP_RET_TRAP),
};
#endif

/* Closes every descriptor from 3 up but those in keep[0..n). */
static int
close_others(const int *keep, size_t n)
{
	unsigned int	 from = 3, next;
	size_t		 i;

	for (;;) {
		/* The lowest kept descriptor at or above from. */
		next = ~0U;
		for (i = 0; i < n; i++)
			if (keep[i] >= (int)from && (unsigned int)keep[i] < next)
				next = (unsigned int)keep[i];
		if (next > from && syscall(SYS_close_range, from,
		    next == ~0U ? ~0U : next - 1, 0) == -1)
			return -1;
		if (next == ~0U)
			return 0;
		from = next + 1;
	}
}

#ifdef SANDBOX_ARCH
/* Installs n instructions of list; flags as seccomp(2) takes them. */
static int
install(const struct sock_filter *list, size_t n, unsigned int flags)
{
	struct sock_fprog	prog = { (unsigned short)n,
	    (struct sock_filter *)list };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1)
		return -1;
	return syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &prog) ==
	    0 ? 0 : -1;
}
#endif

int
sandbox_child(const int *keep, size_t n)
{
#ifdef SANDBOX_ARCH
	if (close_others(keep, n) == -1)
		return -1;
	return install(allow_list, NITEMS(allow_list), 0);
#else
	(void)keep;
	(void)n;
	errno = ENOSYS;
	return -1;
#endif
}

#ifdef SANDBOX_ARCH
/*
 * The calls only an intruder makes, with or without the exec calls, then
 * tail (n instructions), on every thread (TSYNC).
 */
static int
server_filter(int may_exec, const struct sock_filter *tail, size_t n_tail)
{
	struct sock_filter	f[NITEMS(server_prelude) + NITEMS(exec_calls) +
				    NITEMS(intrusions) + NITEMS(worker_calls)];
	size_t			n = 0;

	memcpy(f, server_prelude, sizeof(server_prelude));
	n += NITEMS(server_prelude);
	if (!may_exec) {
		memcpy(f + n, exec_calls, sizeof(exec_calls));
		n += NITEMS(exec_calls);
	}
	memcpy(f + n, intrusions, sizeof(intrusions));
	n += NITEMS(intrusions);
	memcpy(f + n, tail, n_tail * sizeof(*tail));
	n += n_tail;
	/* TSYNC: the threads started before (the database ones) too. */
	return install(f, n, SECCOMP_FILTER_FLAG_TSYNC);
}

/* Writes v's decimal digits just before end; returns where they start. */
static char *
digits(char *end, unsigned int v)
{
	do
		*--end = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	return end;
}

/*
 * SIGSYS from the worker's list: one log line (only async-signal-safe calls
 * here), and the call returns -ENOSYS to its caller.
 */
static void
on_refused(int sig, siginfo_t *si, void *context)
{
	static const char head[] = "{\"msg\":\"the sandbox refused system"
	    " call ", tail[] = "; it failed with ENOSYS\",\"level\":\"error\"}\n";
	ucontext_t	*uc = context;
	char		 num[24], line[sizeof(head) + sizeof(num) + sizeof(tail)];
	char		*p = line;
	char		*d = digits(num + sizeof(num), (unsigned int)si->si_syscall);
	int		 saved = errno;
	ssize_t		 w;

	(void)sig;
	memcpy(p, head, sizeof(head) - 1);
	p += sizeof(head) - 1;
	memcpy(p, d, (size_t)(num + sizeof(num) - d));
	p += num + sizeof(num) - d;
	memcpy(p, tail, sizeof(tail) - 1);
	p += sizeof(tail) - 1;
	w = write(STDERR_FILENO, line, (size_t)(p - line));
	(void)w;	/* nowhere to report a log that cannot be written */
#if defined(__x86_64__)
	uc->uc_mcontext.gregs[REG_RAX] = -ENOSYS;
#elif defined(__aarch64__)
	uc->uc_mcontext.regs[0] = (unsigned long long)-ENOSYS;
#endif
	errno = saved;
}
#endif

int
sandbox_worker(void)
{
#ifdef SANDBOX_ARCH
	struct sigaction	sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_refused;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSYS, &sa, NULL) == -1)
		return -1;
	return server_filter(0, worker_calls, NITEMS(worker_calls));
#else
	errno = ENOSYS;
	return -1;
#endif
}

int
sandbox_no_intrusion(void)
{
#ifdef SANDBOX_ARCH
	return server_filter(1, allow_the_rest, NITEMS(allow_the_rest));
#else
	errno = ENOSYS;
	return -1;
#endif
}
