#include <errno.h>
#include <fastcgi.h>
#include <string.h>
#include <sys/uio.h>

#include "fcgi_write.h"

#define RECORD_MAX	65528		/* content of one record, a multiple of 8 */
#define RECORDS_BATCH	16		/* records a writev carries, 3 iovecs each */

struct records {
	FCGI_Header		 headers[RECORDS_BATCH + 2];	/* + the end's two */
	FCGI_EndRequestBody	 end;
	struct iovec		 iov[RECORDS_BATCH * 3 + 3];
	int			 niov, nheaders;
};

/* Writes every byte of the batch, going on after a short write or a signal. */
static int
write_all(int fd, struct iovec *iov, int n)
{
	ssize_t	w;

	while (n > 0) {
		if ((w = writev(fd, iov, n)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		while (n > 0 && (size_t)w >= iov->iov_len) {
			w -= (ssize_t)iov->iov_len;
			iov++;
			n--;
		}
		if (n > 0) {
			iov->iov_base = (char *)iov->iov_base + w;
			iov->iov_len -= (size_t)w;
		}
	}
	return 0;
}

static void
add_header(struct records *r, int type, int request_id, size_t len)
{
	FCGI_Header	*h = &r->headers[r->nheaders++];

	memset(h, 0, sizeof(*h));
	h->version = FCGI_VERSION_1;
	h->type = (unsigned char)type;
	h->requestIdB1 = (unsigned char)(request_id >> 8);
	h->requestIdB0 = (unsigned char)request_id;
	h->contentLengthB1 = (unsigned char)(len >> 8);
	h->contentLengthB0 = (unsigned char)len;
	r->iov[r->niov++] = (struct iovec){ h, sizeof(*h) };
}

static void
add_bytes(struct records *r, const void *p, size_t n)
{
	if (n > 0)
		r->iov[r->niov++] = (struct iovec){ (void *)p, n };
}

/* An empty stdout record ends the stream; FCGI_END_REQUEST, the request. */
static void
add_end(struct records *r, int request_id)
{
	add_header(r, FCGI_STDOUT, request_id, 0);
	add_header(r, FCGI_END_REQUEST, request_id, sizeof(r->end));
	memset(&r->end, 0, sizeof(r->end));
	r->end.protocolStatus = FCGI_REQUEST_COMPLETE;
	add_bytes(r, &r->end, sizeof(r->end));
}

int
fcgi_write_whole(FCGX_Request *f, const char *head, size_t head_len,
    const char *body, size_t body_len)
{
	struct records	 r = { .niov = 0, .nheaders = 0 };
	size_t		 left = head_len + body_len, off = 0, n, from_head;
	int		 rc = 0;

	for (;;) {
		n = left < RECORD_MAX ? left : RECORD_MAX;
		if (n > 0) {
			add_header(&r, FCGI_STDOUT, f->requestId, n);
			/* The record's bytes: what is left of the head, then the body. */
			from_head = off < head_len ? head_len - off : 0;
			if (from_head > n)
				from_head = n;
			if (from_head > 0)
				add_bytes(&r, head + off, from_head);
			if (n > from_head)
				add_bytes(&r, body + (off + from_head - head_len),
				    n - from_head);
			off += n;
			left -= n;
		}
		if (left == 0)
			add_end(&r, f->requestId);
		if (left == 0 || r.nheaders == RECORDS_BATCH) {
			if ((rc = write_all(f->ipcFd, r.iov, r.niov)) < 0 || left == 0)
				break;
			r.niov = r.nheaders = 0;
		}
	}
	/* libfcgi must not end the stream again (FCGX_Finish_r). */
	f->out->wasFCloseCalled = 1;
	f->out->isClosed = 1;
	if (rc < 0)
		f->out->FCGI_errno = errno;
	return rc;
}
