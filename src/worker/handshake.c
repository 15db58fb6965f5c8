/*
 * handshake.c: the WebSocket opening handshake's text (RFC 6455 section
 * 4): a request's method, target and the headers that make it an upgrade;
 * a response's status and accept key.  Header names are matched without
 * case, values' tokens too (RFC 9110), and only the headers the handshake
 * needs are read.
 */
#include <ctype.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "lib/b64.h"
#include "handshake.h"

static const char ws_guid[] = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

/* The length of the head (through its blank line), 0 if not whole yet, -1 if too long. */
static long
head_len(const char *buf, size_t len)
{
	const char	*end;
	size_t		 n = len < HS_MAX ? len : HS_MAX;

	if ((end = memmem(buf, n, "\r\n\r\n", 4)) != NULL)
		return (long)(end - buf) + 4;
	return len >= HS_MAX ? -1 : 0;
}

/* Whether the comma-separated value (n bytes) holds token, without case. */
static int
has_token(const char *v, size_t n, const char *token)
{
	size_t	tl = strlen(token), i = 0, j;

	while (i < n) {
		while (i < n && (v[i] == ' ' || v[i] == '\t' || v[i] == ','))
			i++;
		for (j = i; j < n && v[j] != ','; j++)
			;
		/* The token, then only blanks up to the comma. */
		if (j - i >= tl && strncasecmp(v + i, token, tl) == 0) {
			size_t	k = i + tl;

			while (k < j && (v[k] == ' ' || v[k] == '\t'))
				k++;
			if (k == j)
				return 1;
		}
		i = j;
	}
	return 0;
}

/* Copies the trimmed value (n bytes) into out; -1 when it does not fit. */
static int
copy_value(const char *v, size_t n, char *out, size_t outsz)
{
	while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
		n--;
	if (n >= outsz)
		return -1;
	memcpy(out, v, n);
	out[n] = '\0';
	return 0;
}

/*
 * Calls each(name, name length, value, value length, arg) for the header
 * lines of head (from its second line, head_len bytes in all); -1 on a line
 * that is not "name: value" or a callback's -1.
 */
static int
each_header(const char *head, size_t n,
    int (*each)(const char *, size_t, const char *, size_t, void *), void *arg)
{
	const char	*p = memmem(head, n, "\r\n", 2), *end = head + n - 2;
	const char	*eol, *colon, *v;

	if (p == NULL)
		return -1;
	for (p += 2; p < end; p = eol + 2) {
		eol = memmem(p, (size_t)(end - p) + 2, "\r\n", 2);
		colon = memchr(p, ':', (size_t)(eol - p));
		if (colon == NULL || colon == p)
			return -1;
		for (v = colon + 1; v < eol && (*v == ' ' || *v == '\t'); v++)
			;
		if (each(p, (size_t)(colon - p), v, (size_t)(eol - v), arg) != 0)
			return -1;
	}
	return 0;
}

static int
name_is(const char *name, size_t n, const char *want)
{
	return n == strlen(want) && strncasecmp(name, want, n) == 0;
}

struct req_seen {
	struct hs_request	*r;
	int			 upgrade, connection;
};

static int
request_header(const char *name, size_t nl, const char *v, size_t vl,
    void *arg)
{
	struct req_seen	*seen = arg;

	if (name_is(name, nl, "upgrade"))
		seen->upgrade |= has_token(v, vl, "websocket");
	else if (name_is(name, nl, "connection"))
		seen->connection |= has_token(v, vl, "upgrade");
	else if (name_is(name, nl, "sec-websocket-key"))
		return copy_value(v, vl, seen->r->key, sizeof(seen->r->key));
	else if (name_is(name, nl, "sec-websocket-version"))
		seen->r->version13 = vl >= 2 && strncmp(v, "13", 2) == 0 &&
		    (vl == 2 || v[2] == ' ' || v[2] == '\t');
	return 0;
}

int
hs_parse_request(const char *buf, size_t len, size_t *used,
    struct hs_request *r)
{
	long		 n = head_len(buf, len);
	const char	*sp1, *sp2, *eol;
	struct req_seen	 seen = { r, 0, 0 };

	memset(r, 0, sizeof(*r));
	if (n <= 0)
		return (int)n;
	*used = (size_t)n;
	/* "METHOD SP target SP HTTP/1.x" */
	eol = memmem(buf, (size_t)n, "\r\n", 2);
	if ((sp1 = memchr(buf, ' ', (size_t)(eol - buf))) == NULL ||
	    (sp2 = memchr(sp1 + 1, ' ', (size_t)(eol - sp1 - 1))) == NULL ||
	    sp2 == sp1 + 1 || (size_t)(sp2 - sp1 - 1) >= sizeof(r->target) ||
	    eol - sp2 - 1 != 8 || strncmp(sp2 + 1, "HTTP/1.", 7) != 0)
		return -1;
	r->get = sp1 - buf == 3 && strncmp(buf, "GET", 3) == 0;
	memcpy(r->target, sp1 + 1, (size_t)(sp2 - sp1 - 1));
	r->target[sp2 - sp1 - 1] = '\0';
	if (memchr(r->target, '\0', (size_t)(sp2 - sp1 - 1)) != NULL ||
	    each_header(buf, (size_t)n, request_header, &seen) != 0)
		return -1;
	r->upgrade = seen.upgrade && seen.connection && r->key[0] != '\0';
	return 1;
}

void
hs_accept_key(const char *key, char out[HS_ACCEPT_LEN])
{
	char		in[sizeof(((struct hs_request *)0)->key) + sizeof(ws_guid)];
	unsigned char	md[EVP_MAX_MD_SIZE];
	unsigned int	n = 0;

	snprintf(in, sizeof(in), "%.63s%s", key, ws_guid);
	if (EVP_Digest(in, strlen(in), md, &n, EVP_sha1(), NULL) != 1 ||
	    n != 20)
		n = 0;	/* an accept that matches nothing */
	out[b64_encode(out, md, n)] = '\0';
}

struct resp_seen {
	const char	*accept;
	int		 accepted;
};

static int
response_header(const char *name, size_t nl, const char *v, size_t vl,
    void *arg)
{
	struct resp_seen	*seen = arg;
	char			 got[HS_ACCEPT_LEN + 1];

	if (name_is(name, nl, "sec-websocket-accept") &&
	    copy_value(v, vl, got, sizeof(got)) == 0)
		seen->accepted = strcmp(got, seen->accept) == 0;
	return 0;
}

int
hs_parse_response(const char *buf, size_t len, size_t *used,
    const char *accept, int *status)
{
	long			 n = head_len(buf, len);
	struct resp_seen	 seen = { accept, 0 };
	int			 st = 0;

	*status = 0;
	if (n <= 0)
		return (int)n;
	*used = (size_t)n;
	/* "HTTP/1.1 101 Switching Protocols" */
	if (n < 14 || strncmp(buf, "HTTP/1.", 7) != 0 || buf[8] != ' ' ||
	    !isdigit((unsigned char)buf[9]) || !isdigit((unsigned char)buf[10]) ||
	    !isdigit((unsigned char)buf[11]))
		return -1;
	st = (buf[9] - '0') * 100 + (buf[10] - '0') * 10 + (buf[11] - '0');
	*status = st;
	if (st != 101 || each_header(buf, (size_t)n, response_header,
	    &seen) != 0)
		return -1;
	return seen.accepted ? 1 : -1;
}
