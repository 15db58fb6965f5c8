/* pool.c: pre-forked request processes sharing one listening socket (like kore's workers). */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lib/log.h"
#include "metrics.h"
#include "pool.h"

static volatile sig_atomic_t	stopping;

static void
on_stop(int sig)
{
	(void)sig;
	stopping = 1;	/* the loop reads it; nothing else is safe here */
}

static pid_t
spawn(int fd, void (*serve)(int, void *), void *arg)
{
	pid_t	pid;

	if ((pid = fork()) == -1) {
		log_error("fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		signal(SIGTERM, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		serve(fd, arg);
		_exit(0);
	}
	return pid;
}

static void
stop_all(pid_t *kids, int n)
{
	int	i;

	for (i = 0; i < n; i++)
		if (kids[i] > 0)
			kill(kids[i], SIGTERM);
	for (i = 0; i < n; i++)
		if (kids[i] > 0)
			waitpid(kids[i], NULL, 0);
}

/* Replaces the child that was pid; a child dying at once means back off a little. */
static void
replace(pid_t *kids, time_t *born, int n, pid_t pid, int wstatus, int fd,
    void (*serve)(int, void *), void *arg)
{
	int	i;

	for (i = 0; i < n && kids[i] != pid; i++)
		continue;
	if (i == n)
		return;
	log_warn("process %d %s %d; replacing it", (int)pid,
	    WIFSIGNALED(wstatus) ? "killed by signal" : "exited with",
	    WIFSIGNALED(wstatus) ? WTERMSIG(wstatus) : WEXITSTATUS(wstatus));
	metrics_worker_restart();
	if (time(NULL) - born[i] < 1)
		sleep(1);
	kids[i] = spawn(fd, serve, arg);
	born[i] = time(NULL);
}

int
pool_run(int n, int fd, void (*serve)(int, void *), void *arg)
{
	struct sigaction	 sa;
	pid_t			*kids, pid;
	time_t			*born;
	int			 i, wstatus;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;	/* no SA_RESTART: waitpid must return */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	if ((kids = calloc((size_t)n, sizeof(*kids))) == NULL ||
	    (born = calloc((size_t)n, sizeof(*born))) == NULL)
		abort();
	for (i = 0; i < n; i++) {
		kids[i] = spawn(fd, serve, arg);
		born[i] = time(NULL);
	}
	log_info("viva.fcgi serving with %d processes", n);
	while (!stopping) {
		if ((pid = waitpid(-1, &wstatus, 0)) > 0)
			replace(kids, born, n, pid, wstatus, fd, serve, arg);
		else if (pid == -1 && errno == ECHILD)
			sleep(1);
	}
	stop_all(kids, n);
	free(kids);
	free(born);
	log_info("viva.fcgi stopped");
	return 0;
}
