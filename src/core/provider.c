/* provider.c: the retry loop, backoff with jitter and the circuit breaker around one back end. */
#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/provider.h"
#include "lib/clock.h"
#include "lib/log.h"

void
provider_init(struct provider *p, const char *base_url, const char *api_key)
{
	struct timespec	 ts;

	memset(p, 0, sizeof(*p));
	p->base_url = base_url;
	p->api_key = api_key;
	p->timeout_ms = 60000;
	p->connect_timeout_ms = 5000;
	p->max_attempts = 3;
	p->backoff_base_ms = 250;
	p->backoff_cap_ms = 4000;
	p->retry_after_max_ms = 20000;
	p->breaker_threshold = 5;
	p->breaker_open_ms = 30000;
	/* Jitter only has to differ between processes, not be secret. */
	clock_gettime(CLOCK_REALTIME, &ts);
	p->rng = ((uint64_t)ts.tv_nsec << 20) ^ (uint64_t)ts.tv_sec ^
	    ((uint64_t)getpid() << 40) ^ 0x9e3779b97f4a7c15ull;
}

static void
sleep_ms(long ms)
{
	struct timespec	 ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/* xorshift64*: cheap, and enough to spread clients apart. */
static uint64_t
rnd(struct provider *p)
{
	p->rng ^= p->rng >> 12;
	p->rng ^= p->rng << 25;
	p->rng ^= p->rng >> 27;
	return p->rng * 0x2545f4914f6cdd1dull;
}

/*
 * Wait before retry number n (1, 2, ...): base doubled each time, capped,
 * then "equal jitter" (a random half of it) so clients that failed
 * together do not come back together.
 */
static long
backoff(struct provider *p, int n)
{
	long	 d = p->backoff_base_ms > 0 ? p->backoff_base_ms : 1;

	while (--n > 0 && d < p->backoff_cap_ms)
		d *= 2;
	if (d > p->backoff_cap_ms)
		d = p->backoff_cap_ms;
	return d / 2 + (long)(rnd(p) % (uint64_t)(d / 2 + 1));
}

static int
valid(const struct chat_req *req)
{
	size_t	 i;

	if (req->model == NULL || *req->model == '\0' || req->msgs == NULL ||
	    req->n == 0)
		return 0;
	for (i = 0; i < req->n; i++)
		if (req->msgs[i].role == NULL || req->msgs[i].content == NULL)
			return 0;
	return 1;
}

/* The breaker: closed until threshold failed calls in a row. */
static int
breaker_open(const struct provider *p, int64_t now)
{
	return p->breaker_threshold > 0 &&
	    p->failures >= p->breaker_threshold && now < p->open_until;
}

static void
breaker_record(struct provider *p, const struct attempt_res *ar)
{
	if (ar->outcome == ATT_OK || !ar->counts) {
		/* An answer, even a refusal, shows the service is up. */
		p->failures = 0;
		return;
	}
	if (++p->failures >= p->breaker_threshold &&
	    p->breaker_threshold > 0) {
		/* Reopened at once if the trial call after the pause fails. */
		p->open_until = clock_ms() + p->breaker_open_ms;
		log_warn("provider: %d failed calls in a row, failing fast "
		    "for %d ms", p->failures, p->breaker_open_ms);
	}
}

/* How long to wait before the next attempt; -1: do not retry. */
static long
next_wait(struct provider *p, const struct attempt_res *ar, int n,
    int64_t start)
{
	long	 w;

	if (ar->outcome != ATT_RETRY || n >= p->max_attempts)
		return -1;
	if (ar->retry_after_ms >= 0) {
		/* Retrying before the server's time only earns another 429. */
		if (ar->retry_after_ms > p->retry_after_max_ms)
			return -1;
		w = ar->retry_after_ms;
	} else
		w = backoff(p, n);
	if (p->deadline_ms > 0 && clock_ms() + w >= start + p->deadline_ms)
		return -1;
	if (p->until_ms > 0 && clock_ms() + w + PROVIDER_MIN_ATTEMPT_MS >=
	    p->until_ms)
		return -1;
	return w;
}

#define DAY_MS	86400000

int
provider_longest_ms(const struct provider *p)
{
	long long	wait, all;

	if (p->deadline_ms > 0)
		return p->deadline_ms;
	wait = p->backoff_cap_ms > p->retry_after_max_ms ? p->backoff_cap_ms :
	    p->retry_after_max_ms;
	all = (long long)p->max_attempts * p->timeout_ms +
	    (long long)(p->max_attempts - 1) * wait;
	return all < DAY_MS ? (int)all : DAY_MS;	/* a misconfiguration */
}

/* Runs attempts until one ends the call; returns its outcome in ar. */
static int
attempts(struct arena *a, struct provider *p, const char *what,
    provider_try_fn fn, void *arg, struct attempt_res *ar, int64_t start)
{
	long	 tmo, w;
	int	 n;

	for (n = 1;; n++) {
		tmo = p->timeout_ms;
		if (p->deadline_ms > 0 && start + p->deadline_ms - clock_ms() <
		    tmo)
			tmo = (long)(start + p->deadline_ms - clock_ms());
		if (p->until_ms > 0 && p->until_ms - clock_ms() < tmo)
			tmo = (long)(p->until_ms - clock_ms());
		if (tmo < 1)
			tmo = 1;
		fn(a, p, arg, tmo, ar);
		if (ar->outcome == ATT_OK)
			return n;
		log_warn("provider: %s attempt %d/%d: %s: %s", what, n,
		    p->max_attempts, ar->error_code,
		    ar->error_message != NULL ? ar->error_message : "");
		if ((w = next_wait(p, ar, n, start)) < 0)
			return n;
		sleep_ms(w);
	}
}

enum status
provider_run(struct arena *a, struct provider *p, const char *what,
    provider_try_fn fn, void *arg, struct attempt_res *ar, int *tries,
    int *latency_ms)
{
	int64_t		 start = clock_ms();

	memset(ar, 0, sizeof(*ar));
	*tries = 0;
	*latency_ms = 0;
	if (breaker_open(p, start)) {
		ar->outcome = ATT_FAIL;
		ar->error_code = "circuit_open";
		ar->error_message = "circuit breaker open";
		return ST_UNAVAILABLE;
	}
	/* Earlier calls of this request took its time: nothing is tried. */
	if (p->until_ms > 0 && p->until_ms - start < PROVIDER_MIN_ATTEMPT_MS) {
		ar->outcome = ATT_FAIL;
		ar->error_code = "timeout";
		ar->error_message = "the request's time for AI calls is spent";
		return ST_UNAVAILABLE;
	}
	*tries = attempts(a, p, what, fn, arg, ar, start);
	breaker_record(p, ar);
	*latency_ms = (int)(clock_ms() - start);
	return ar->outcome == ATT_OK ? ST_OK : ST_UNAVAILABLE;
}

struct chat_call {
	const struct chat_req	*req;
	struct chat_res		*res;
};

static void
chat_try(struct arena *a, const struct provider *p, void *arg,
    long timeout_ms, struct attempt_res *ar)
{
	struct chat_call	*c = arg;

	openai_chat_once(a, p, c->req, timeout_ms, c->res, ar);
}

enum status
provider_chat(struct arena *a, struct provider *p, const struct chat_req *req,
    struct chat_res *res)
{
	struct attempt_res	 ar;
	struct chat_call	 c = { req, res };
	enum status		 st;

	memset(res, 0, sizeof(*res));
	res->text = "";
	if (!valid(req))
		return ST_INVALID;
	st = provider_run(a, p, req->model, chat_try, &c, &ar, &res->attempts,
	    &res->latency_ms);
	if (st == ST_OK)
		return ST_OK;
	res->text = "";
	res->finish_reason = NULL;
	res->prompt_tokens = res->completion_tokens = 0;
	res->error_code = ar.error_code;
	res->error_message = ar.error_message;
	res->retry_after_ms = ar.retry_after_ms;
	return ST_UNAVAILABLE;
}
