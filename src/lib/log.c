/* log.c: structured logging; json-c does the escaping so control characters cannot forge lines. */
#include <json-c/json.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <stdint.h>
#include <sys/uio.h>
#include <unistd.h>

#include "log.h"

static const char	*prog = "viva";
static char		 reqid[64];

void
log_init(const char *name)
{
	prog = name;
}

void
log_set_request(const char *id)
{
	if (id == NULL)
		reqid[0] = '\0';
	else
		snprintf(reqid, sizeof(reqid), "%s", id);
}

const char *
log_request_id(void)
{
	return reqid;
}

static void
stamp(char *out, size_t sz)
{
	struct timespec	 ts;
	struct tm	 tm;
	size_t		 n;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	n = strftime(out, sz, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out + n, sz - n, ".%03ldZ", ts.tv_nsec / 1000000);
}

void
log_json(const char *level, struct json_object *obj)
{
	char		 t[40];
	const char	*s;
	size_t		 len;
	struct iovec	 iov[2];
	char		 nl[] = "\n";

	stamp(t, sizeof(t));
	json_object_object_add(obj, "t", json_object_new_string(t));
	json_object_object_add(obj, "level", json_object_new_string(level));
	json_object_object_add(obj, "prog", json_object_new_string(prog));
	if (reqid[0] != '\0')
		json_object_object_add(obj, "req", json_object_new_string(reqid));
	s = json_object_to_json_string_length(obj,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE, &len);
	/* One system call per line so lines from many processes do not interleave. */
	iov[0].iov_base = (void *)(uintptr_t)s;
	iov[0].iov_len = len;
	iov[1].iov_base = nl;
	iov[1].iov_len = 1;
	if (writev(STDERR_FILENO, iov, 2) < 0) {
		/* Nowhere left to report it. */
	}
	json_object_put(obj);
}

static void logv(const char *, const char *, va_list)
    __attribute__((format(printf, 2, 0)));

static void
logv(const char *level, const char *fmt, va_list ap)
{
	char			 msg[2048];
	struct json_object	*o;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	o = json_object_new_object();
	json_object_object_add(o, "msg", json_object_new_string(msg));
	log_json(level, o);
}

void
log_info(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	logv("info", fmt, ap);
	va_end(ap);
}

void
log_warn(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	logv("warn", fmt, ap);
	va_end(ap);
}

void
log_error(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	logv("error", fmt, ap);
	va_end(ap);
}
