/*
 * conns.c: the FastCGI connections nginx keeps open to a pool process
 * (fastcgi_keep_conn and an upstream keepalive cache), waited on together.
 *
 * A new unix-socket connection per request cost nginx six of its twelve
 * system calls a page (socket, connect, getsockopt, ioctl, epoll_ctl,
 * close) and the pool process two (accept, close).  Kept open, though, a
 * connection belongs to the process that accepted it, and libfcgi's accept
 * waits on that one connection alone: a process holding an idle one served
 * nothing else while new requests queued behind it (stop 23, p99 0.8-1.7 s).
 * So each process waits, in one epoll set, on the listening socket, on
 * every connection it keeps and on its inbox (a datagram socket of its
 * slot, made before the fork), and serves whichever has a request; libfcgi
 * only reads and writes the connection it is given (fr.ipcFd).
 *
 * nginx picks the idle connection it released last, whoever holds it, and
 * never learns that a process is busy.  So connections move, as SCM_RIGHTS
 * to another process's inbox (an idle one's, else the least busy's), which
 * keeps them from then on:
 *   - a process that is about to wait on another server (an AI call, the
 *     pool's wait hook), or that a reserve found 50 ms into one request
 *     (SIGUSR2, pool_nudge_stuck), takes nothing more until it is done and
 *     sends every idle connection it keeps and what is in its inbox;
 *   - so do a reserve about to rest and a process about to exit; what a
 *     process that died had in its inbox, the supervisor sends on;
 *   - when no process takes requests, what could not be sent stays and is
 *     counted (`stranded`): a reserve then does not rest, and a waiting
 *     process is nudged again by the next one between requests.
 * Requests are not moved to even out the load: sending the extra ones to an
 * idle process, or half the difference to a less busy one, cost more than
 * it gained at every load measured (docs/ARCHITECTURE.md).
 * A process never closes a kept connection itself: nginx may be writing a
 * request to it at that moment, and a POST that met a closed connection is
 * not retried (a 502).  nginx closes them (keepalive_timeout, _requests).
 */
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lib/clock.h"
#include "lib/log.h"
#include "conns.h"
#include "metrics.h"

#define MAX_EVENTS	64
#define HAND_MAX	64	/* connections in one hand-over message */

/*
 * One per pool slot, shared by the pool (mapped before the fork), as are
 * the inbox sockets: a process replacing a dead one reads what was sent to
 * its slot.  Each field is written by its own process alone, but for
 * `backlog`, which a sender adds to, and `senders`.
 */
struct peer {
	int		 inbox[2];	/* [0] others send, [1] it receives */
	int		 taking;	/* serving (a resting reserve is not) */
	int		 idle;		/* waiting with nothing ready */
	int		 backlog;	/* requests it found waiting besides its own */
	int		 senders;	/* sends to it under way (send_fds) */
	int		 stranded;	/* kept while taking none: nobody took them */
};

struct shared {
	int		 n;
	struct peer	 peer[];
};

/* This process's own. */
struct conns {
	int		 ep;
	int		 listen_fd;
	int		 listen_paused;	/* out of descriptors: not accepting */
	int		 current;	/* the connection being served, or -1 */
	unsigned char	*mine;		/* mine[fd]: MINE_KEPT, MINE_QUEUED */
	int		 cap;
	int		*ring;		/* connections with a request, oldest first */
	int		 ring_size, head, len;	/* len counts stale entries too */
	int		 queued;	/* entries that are not stale */
};

#define MINE_KEPT	1
#define MINE_QUEUED	2

static struct shared		*shared;
static struct peer		*me;
static struct conns		 c = { -1, -1, 0, -1, NULL, 0, NULL, 0, 0, 0, 0 };
static volatile sig_atomic_t	 serving;	/* between conns_next and conns_done */

/* As many descriptors as the hard limit allows: each kept connection is one. */
static int
descriptor_room(void)
{
	struct rlimit	rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return 1024;
	if (rl.rlim_cur < rl.rlim_max && rl.rlim_cur < 65536) {
		rl.rlim_cur = rl.rlim_max < 65536 ? rl.rlim_max : 65536;
		(void)setrlimit(RLIMIT_NOFILE, &rl);
	}
	return rl.rlim_cur > 65536 ? 65536 : (int)rl.rlim_cur;
}

int
conns_shared_init(int slots)
{
	size_t	size = sizeof(*shared) + (size_t)slots * sizeof(struct peer);
	int	i;

	(void)descriptor_room();	/* two a slot here, more in each process */
	shared = mmap(NULL, size, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shared == MAP_FAILED) {
		shared = NULL;
		return -1;
	}
	shared->n = slots;
	for (i = 0; i < slots; i++)
		if (socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0,
		    shared->peer[i].inbox) != 0) {
			log_error("hand-over sockets: %s", strerror(errno));
			return -1;
		}
	return 0;
}

static int
watch(int fd, unsigned events)
{
	struct epoll_event	ev;

	memset(&ev, 0, sizeof(ev));
	ev.events = events;
	ev.data.fd = fd;
	return epoll_ctl(c.ep, EPOLL_CTL_ADD, fd, &ev);
}

int
conns_open(int listen_fd, int slot)
{
	int	fl;

	if (shared != NULL && slot >= 0 && slot < shared->n) {
		me = &shared->peer[slot];
		me->idle = me->backlog = 0;
		me->taking = 1;
	}

	c.listen_fd = listen_fd;
	c.cap = descriptor_room();
	c.ring_size = 2 * c.cap;
	if ((c.mine = calloc((size_t)c.cap, 1)) == NULL ||
	    (c.ring = calloc((size_t)c.ring_size, sizeof(int))) == NULL ||
	    (c.ep = epoll_create1(EPOLL_CLOEXEC)) < 0)
		return -1;
	/* Every process is woken for a new connection; one takes it. */
	if ((fl = fcntl(listen_fd, F_GETFL)) < 0 ||
	    fcntl(listen_fd, F_SETFL, fl | O_NONBLOCK) < 0 ||
	    watch(listen_fd, EPOLLIN) != 0 ||
	    (me != NULL && watch(me->inbox[1], EPOLLIN) != 0)) {
		log_error("connections: %s", strerror(errno));
		return -1;
	}
	return 0;
}

static void
keep(int fd)
{
	if (fd >= c.cap) {
		log_warn("cannot keep connection %d: over %d descriptors", fd,
		    c.cap);
		close(fd);
	} else if (watch(fd, EPOLLIN | EPOLLRDHUP) == 0 || errno == EEXIST)
		c.mine[fd] |= MINE_KEPT;
	else {
		log_warn("cannot keep connection %d: %s", fd, strerror(errno));
		close(fd);
	}
}

/* fd is closed or handed over: no longer this process's. */
static void
forget(int fd)
{
	if (fd >= 0 && fd < c.cap) {
		if (c.mine[fd] & MINE_QUEUED)
			c.queued--;	/* its place in the ring goes stale */
		c.mine[fd] = 0;
	}
	if (c.listen_paused) {
		c.listen_paused = 0;
		(void)watch(c.listen_fd, EPOLLIN);
	}
}

/*
 * Closes this process's descriptor of fd.  Leaving the epoll set is not left
 * to close(): a connection handed over is still open in the message (and
 * then in the other process), and epoll would go on reporting it here.
 */
static void
drop(int fd)
{
	(void)epoll_ctl(c.ep, EPOLL_CTL_DEL, fd, NULL);
	close(fd);
	forget(fd);
}

/*
 * FCGI_WEB_SERVER_ADDRS, the comma-separated addresses nginx may connect
 * from over TCP (docs/OPERATIONS.md, "Scaling out"): libfcgi checked it in
 * its accept, which is ours now.  Unix-socket peers are always let in.
 */
static int
peer_allowed(const struct sockaddr_storage *ss)
{
	const char	*list = getenv("FCGI_WEB_SERVER_ADDRS");
	char		 ip[INET6_ADDRSTRLEN];
	const void	*addr;
	size_t		 n;

	if (list == NULL || *list == '\0')
		return 1;
	if (ss->ss_family == AF_INET)
		addr = &((const struct sockaddr_in *)ss)->sin_addr;
	else if (ss->ss_family == AF_INET6)
		addr = &((const struct sockaddr_in6 *)ss)->sin6_addr;
	else
		return 1;
	if (inet_ntop(ss->ss_family, addr, ip, sizeof(ip)) == NULL)
		return 0;
	n = strlen(ip);
	while (*list != '\0') {
		list += strspn(list, ", ");
		if (strncmp(list, ip, n) == 0 &&
		    (list[n] == '\0' || list[n] == ',' || list[n] == ' '))
			return 1;
		list += strcspn(list, ",");
	}
	log_warn("refused a FastCGI connection from %s: not in"
	    " FCGI_WEB_SERVER_ADDRS", ip);
	return 0;
}

static void
accept_one(void)
{
	struct sockaddr_storage	ss;
	socklen_t		len = sizeof(ss);
	int			fd;

	if ((fd = accept4(c.listen_fd, (struct sockaddr *)&ss, &len,
	    SOCK_CLOEXEC)) >= 0) {
		if (!peer_allowed(&ss)) {
			close(fd);
			return;
		}
		metrics_connection_accepted();
		keep(fd);
		return;
	}
	if (errno == EMFILE || errno == ENFILE) {
		/* Others take new ones until one of ours closes. */
		log_warn("accept: %s; leaving new connections to the others",
		    strerror(errno));
		(void)epoll_ctl(c.ep, EPOLL_CTL_DEL, c.listen_fd, NULL);
		c.listen_paused = 1;
	}
	/* EAGAIN: another process took it; ECONNABORTED: nginx gave up. */
}

/*
 * Sends fds to process `to` (they stay open here too); 0, or -1 when it is
 * not taking or its inbox is full.  `senders` lets a process that stops
 * taking wait for a send that saw it taking (stop_taking): with both sides
 * in one order of sequentially consistent operations, either the sender
 * sees it stopped or it sees the sender.
 */
static int
send_fds(struct peer *to, const int *fds, int n)
{
	char		 buf[CMSG_SPACE(sizeof(int) * HAND_MAX)];
	struct msghdr	 m;
	struct cmsghdr	*cm;
	struct iovec	 iov;
	char		 tag = 'c';
	int		 rc = -1;

	memset(&m, 0, sizeof(m));
	memset(buf, 0, sizeof(buf));
	iov.iov_base = &tag;
	iov.iov_len = 1;
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	m.msg_control = buf;
	m.msg_controllen = CMSG_SPACE(sizeof(int) * (size_t)n);
	cm = CMSG_FIRSTHDR(&m);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int) * (size_t)n);
	memcpy(CMSG_DATA(cm), fds, sizeof(int) * (size_t)n);
	__atomic_add_fetch(&to->senders, 1, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&to->taking, __ATOMIC_SEQ_CST) &&
	    sendmsg(to->inbox[0], &m, MSG_DONTWAIT | MSG_NOSIGNAL) == 1) {
		__atomic_add_fetch(&to->backlog, n, __ATOMIC_RELAXED);
		rc = 0;
	}
	__atomic_sub_fetch(&to->senders, 1, __ATOMIC_SEQ_CST);
	return rc;
}

/* Reads one message of fds from inbox `sock` into fds; how many, or -1. */
static int
recv_fds(int sock, int *fds)
{
	char		 buf[CMSG_SPACE(sizeof(int) * HAND_MAX)];
	struct msghdr	 m;
	struct cmsghdr	*cm;
	struct iovec	 iov;
	char		 tag;
	size_t		 k, n = 0;

	memset(&m, 0, sizeof(m));
	iov.iov_base = &tag;
	iov.iov_len = 1;
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	m.msg_control = buf;
	m.msg_controllen = sizeof(buf);
	if (recvmsg(sock, &m, MSG_DONTWAIT | MSG_CMSG_CLOEXEC) < 0)
		return -1;
	for (cm = CMSG_FIRSTHDR(&m); cm != NULL; cm = CMSG_NXTHDR(&m, cm)) {
		if (cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_RIGHTS)
			continue;
		k = (cm->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		if (n + k > HAND_MAX)
			k = HAND_MAX - n;
		memcpy(fds + n, CMSG_DATA(cm), k * sizeof(int));
		n += k;
	}
	return (int)n;
}

/* Sends fds to process `to`; 0, or -1 with them still ours. */
static int
hand_over(struct peer *to, const int *fds, int n)
{
	int	i;

	if (to == NULL || n == 0 || send_fds(to, fds, n) != 0)
		return -1;
	for (i = 0; i < n; i++)
		drop(fds[i]);	/* the other process's copy stays open */
	metrics_connections_handed_over(n);
	return 0;
}

/* Takes what was sent to this process; how many, or -1 for nothing there. */
static int
take_over(void)
{
	int	fds[HAND_MAX];
	int	i, n;

	if ((n = recv_fds(me->inbox[1], fds)) < 0)
		return -1;
	for (i = 0; i < n; i++)
		keep(fds[i]);
	return n;
}

/*
 * Marks p as taking nothing more and waits (100 ms at most: a sender
 * killed mid-send never finishes) for any send that saw it taking.
 */
static void
stop_taking(struct peer *p)
{
	const struct timespec	pause = { 0, 100000 };
	int			i;

	__atomic_store_n(&p->taking, 0, __ATOMIC_SEQ_CST);
	__atomic_store_n(&p->idle, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&p->backlog, 0, __ATOMIC_RELAXED);
	for (i = 0; i < 1000 &&
	    __atomic_load_n(&p->senders, __ATOMIC_SEQ_CST) != 0; i++)
		nanosleep(&pause, NULL);
}

/*
 * The requests waiting, in the order they came.  epoll reports a ready
 * connection again and again while it waits, and one that became ready
 * while others were being reported ahead of those: taken in epoll's order,
 * a request could wait while later ones passed it (the 34 KB candidate
 * page's p99 went from 12-15 to 9-11 ms with this).  So each is queued
 * once, as first seen, and served in turn; one closed or handed over while
 * queued leaves a stale entry, passed over as the queue is taken.
 */
static void
enqueue(int fd)
{
	int	i, f, n;

	if (c.mine[fd] & MINE_QUEUED)
		return;
	if (c.len == c.ring_size) {	/* only stale ones can fill it: drop those */
		for (i = n = 0; i < c.len; i++) {
			f = c.ring[(c.head + i) % c.ring_size];
			if (c.mine[f] & MINE_QUEUED)	/* to a place already read */
				c.ring[(c.head + n++) % c.ring_size] = f;
		}
		c.len = n;
	}
	c.mine[fd] |= MINE_QUEUED;
	c.ring[(c.head + c.len++) % c.ring_size] = fd;
	c.queued++;
}

/* The oldest request waiting; -1 for none. */
static int
dequeue(void)
{
	int	fd;

	while (c.len > 0) {
		fd = c.ring[c.head];
		c.head = (c.head + 1) % c.ring_size;
		c.len--;
		if (c.mine[fd] & MINE_QUEUED) {
			c.mine[fd] &= (unsigned char)~MINE_QUEUED;
			c.queued--;
			return fd;
		}
	}
	return -1;
}

/*
 * Who to hand connections to: a process waiting with nothing to do, else
 * the one that takes requests with the fewest waiting; NULL for none.
 */
static struct peer *
pick_peer(void)
{
	struct peer	*p, *best = NULL;
	int		 i, b, best_b = 0;

	for (i = 0; shared != NULL && i < shared->n; i++) {
		p = &shared->peer[i];
		if (p == me || !__atomic_load_n(&p->taking, __ATOMIC_RELAXED))
			continue;
		if (__atomic_load_n(&p->idle, __ATOMIC_RELAXED))
			return p;
		b = __atomic_load_n(&p->backlog, __ATOMIC_RELAXED);
		if (best == NULL || b < best_b) {
			best = p;
			best_b = b;
		}
	}
	return best;
}

/*
 * Waits for events until `until` (ms, monotonic; -1: no end).  A process
 * counts as idle (the first choice for connections handed over) only while
 * it waits with nothing ready.
 */
static int
wait_events(struct epoll_event *ev, int64_t until)
{
	int	ms = -1, n;

	if ((n = epoll_wait(c.ep, ev, MAX_EVENTS, 0)) != 0)
		return n < 0 ? 0 : n;
	if (until >= 0) {
		int64_t	left = until - clock_ms();

		ms = left <= 0 ? 0 : left > 60000 ? 60000 : (int)left;
	}
	if (ms == 0)
		return 0;
	if (me != NULL) {
		__atomic_store_n(&me->backlog, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&me->idle, 1, __ATOMIC_RELAXED);
	}
	n = epoll_wait(c.ep, ev, MAX_EVENTS, ms);
	if (me != NULL)
		__atomic_store_n(&me->idle, 0, __ATOMIC_RELAXED);
	if (n < 0 && errno != EINTR)
		log_error("epoll_wait: %s", strerror(errno));
	return n < 0 ? 0 : n;
}

int
conns_next(int timeout_ms)
{
	struct epoll_event	ev[MAX_EVENTS];
	int64_t			until = timeout_ms < 0 ? -1 : clock_ms() + timeout_ms;
	int			i, n, fd, pick;

	for (;;) {
		/* With requests queued, only a look at what else came. */
		n = wait_events(ev, c.queued > 0 ? 0 : until);
		for (i = 0; i < n; i++) {
			fd = ev[i].data.fd;
			if (fd == c.listen_fd)
				accept_one();
			else if (me != NULL && fd == me->inbox[1])
				take_over();
			else if (ev[i].events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR))
				drop(fd);
			else
				enqueue(fd);
		}
		if ((pick = dequeue()) >= 0) {
			if (me != NULL)
				__atomic_store_n(&me->backlog, c.queued,
				    __ATOMIC_RELAXED);
			c.current = pick;
			serving = 1;
			return pick;
		}
		if (until >= 0 && clock_ms() >= until)
			return -1;
	}
}

/* Takes requests again, keeping nothing it could not give away. */
static void
take_again(void)
{
	if (me != NULL) {
		__atomic_store_n(&me->stranded, 0, __ATOMIC_SEQ_CST);
		__atomic_store_n(&me->taking, 1, __ATOMIC_SEQ_CST);
	}
}

void
conns_done(int fd, int kept)
{
	serving = 0;
	c.current = -1;
	take_again();	/* if it stepped aside during the request */
	if (!kept)
		forget(fd);	/* libfcgi closed it, which left the epoll set */
}

/*
 * To the least busy process that takes requests, in messages of HAND_MAX;
 * how many it could not give (none takes, or its inbox is full).
 */
static int
give_away(void)
{
	struct peer	*to = pick_peer();
	int		 fds[HAND_MAX];
	int		 fd, n = 0, left = 0;

	for (fd = 0; fd < c.cap; fd++) {
		if (!c.mine[fd] || fd == c.current)
			continue;
		if (to == NULL) {
			left++;
			continue;
		}
		fds[n++] = fd;
		if (n == HAND_MAX) {
			if (hand_over(to, fds, n) != 0) {
				left += n;
				to = NULL;
			}
			n = 0;
		}
	}
	if (n > 0 && hand_over(to, fds, n) != 0)
		left += n;
	return left;
}

/*
 * Takes nothing more until it takes requests again, and sends on every
 * connection it keeps but the one being served, with what reached its
 * inbox before the others saw it stop.  Never twice at once (a connection
 * sent twice has two owners): from the main flow with SIGUSR2 blocked, or
 * from its handler.  What no process took stays, and is said in
 * `stranded`, for another process to nudge it again (pool.c).
 */
static int
step_aside(void)
{
	int	left;

	if (me != NULL) {
		stop_taking(me);
		while (take_over() >= 0)
			continue;
	}
	left = give_away();
	if (me != NULL)
		__atomic_store_n(&me->stranded, left, __ATOMIC_SEQ_CST);
	return left;
}

int
conns_rest(int resting)
{
	sigset_t	nudge, old;
	int		left;

	if (!resting) {
		take_again();
		return 0;
	}
	sigemptyset(&nudge);
	sigaddset(&nudge, SIGUSR2);
	sigprocmask(SIG_BLOCK, &nudge, &old);
	left = step_aside();
	sigprocmask(SIG_SETMASK, &old, NULL);
	return left;
}

void
conns_waiting(int waiting)
{
	(void)conns_rest(waiting);
}

int
conns_stranded(int slot)
{
	if (shared == NULL || slot < 0 || slot >= shared->n)
		return 0;
	return __atomic_load_n(&shared->peer[slot].stranded, __ATOMIC_SEQ_CST);
}

/*
 * SIGUSR2, from a reserve process that saw this one long on a request: the
 * requests nginx sends to the connections it keeps idle would wait for it.
 * Only during a request, when the main flow leaves mine[] alone (libfcgi
 * may close the current connection, which give_away skips); system calls
 * only, so safe in a handler.
 */
static void
on_nudge(int sig)
{
	int	saved = errno;

	(void)sig;
	if (serving)
		(void)step_aside();
	errno = saved;
}

int
conns_catch_nudges(void)
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_nudge;
	sa.sa_flags = SA_RESTART;
	return sigaction(SIGUSR2, &sa, NULL);
}

/*
 * In the supervisor, for a process gone (killed, or exited): what was sent
 * to its inbox goes on to one that takes requests, else stays for the
 * process that will take its place.  Until then nobody sends it more.
 */
void
conns_forward(int slot)
{
	struct peer	*gone, *to;
	int		 fds[HAND_MAX];
	int		 i, n;

	if (shared == NULL || slot < 0 || slot >= shared->n)
		return;
	gone = &shared->peer[slot];
	stop_taking(gone);
	gone->stranded = 0;	/* closed with it */
	while ((to = pick_peer()) != NULL &&
	    (n = recv_fds(gone->inbox[1], fds)) >= 0) {
		if (send_fds(to, fds, n) != 0)
			log_warn("%d connections from nginx lost with a pool"
			    " process", n);
		for (i = 0; i < n; i++)
			close(fds[i]);
	}
}
