/*
 * ws_frame.h: the parts of RFC 6455 the relay benchmark's tools use: whole
 * frames (no fragments, which none of their peers send), masked or not, and
 * the server's accept key.  Bench code only: it talks to nginx, viva-worker
 * and itself on loopback, and refuses what it does not know.
 */
#ifndef VIVA_BENCH_WS_FRAME_H
#define VIVA_BENCH_WS_FRAME_H

#include <stdint.h>
#include <string.h>
#include <sys/types.h>

#include <openssl/evp.h>
#include <sodium.h>

enum { WS_TEXT = 1, WS_BINARY = 2, WS_CLOSE = 8, WS_PING = 9, WS_PONG = 10 };

#define WS_HEADER_MAX	14	/* 2 + 8 (64-bit length) + 4 (mask) */
#define WS_PAYLOAD_MAX	(1 << 20)

/*
 * Writes one final frame of op with len bytes of p into out (WS_HEADER_MAX +
 * len bytes of room), masked with *mask when mask is not NULL (a client's
 * frames); returns the bytes written.
 */
static inline size_t
ws_frame_write(unsigned char *out, int op, const void *p, size_t len,
    const uint32_t *mask)
{
	const unsigned char	*in = p;
	unsigned char		*o = out, m[4];
	size_t			 i;

	*o++ = (unsigned char)(0x80 | op);
	if (len < 126)
		*o++ = (unsigned char)len;
	else if (len <= 0xffff) {
		*o++ = 126;
		*o++ = (unsigned char)(len >> 8);
		*o++ = (unsigned char)len;
	} else {
		*o++ = 127;
		for (i = 0; i < 8; i++)
			*o++ = (unsigned char)((uint64_t)len >> (56 - 8 * i));
	}
	if (mask == NULL) {
		memcpy(o, in, len);
		return (size_t)(o - out) + len;
	}
	out[1] |= 0x80;
	memcpy(m, mask, 4);
	memcpy(o, m, 4);
	o += 4;
	for (i = 0; i < len; i++)
		o[i] = in[i] ^ m[i & 3];
	return (size_t)(o - out) + len;
}

/*
 * Parses the frame at the start of buf (n bytes) and unmasks its payload in
 * place: returns the frame's length with *op, *payload and *len set, 0 when
 * buf holds only part of it, -1 when it is not a frame this code takes (a
 * fragment, reserved bits, a payload over WS_PAYLOAD_MAX).
 */
static inline ssize_t
ws_frame_parse(unsigned char *buf, size_t n, int *op,
    const unsigned char **payload, size_t *len)
{
	unsigned char	*mask = NULL;
	uint64_t	 l;
	size_t		 h = 2, i;

	if (n < 2)
		return 0;
	if ((buf[0] & 0xf0) != 0x80)	/* FIN set, no RSV bits */
		return -1;
	l = buf[1] & 0x7f;
	if (l == 126) {
		if (n < 4)
			return 0;
		l = (uint64_t)buf[2] << 8 | buf[3];
		h = 4;
	} else if (l == 127) {
		if (n < 10)
			return 0;
		for (l = 0, i = 2; i < 10; i++)
			l = l << 8 | buf[i];
		h = 10;
	}
	if (l > WS_PAYLOAD_MAX)
		return -1;
	if (buf[1] & 0x80) {
		if (n < h + 4)
			return 0;
		mask = buf + h;
		h += 4;
	}
	if (n - h < l)
		return 0;
	if (mask != NULL)
		for (i = 0; i < l; i++)
			buf[h + i] ^= mask[i & 3];
	*op = buf[0] & 0x0f;
	*payload = buf + h;
	*len = (size_t)l;
	return (ssize_t)(h + l);
}

/* The Sec-WebSocket-Accept value for a client's key: base64(SHA-1(key GUID)). */
static inline const char *
ws_accept_key(const char *key, size_t klen)
{
	static const char	 guid[] = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
	static char		 out[32];
	unsigned char		 in[128], md[EVP_MAX_MD_SIZE];
	unsigned int		 mdlen = 0;

	if (klen > sizeof(in) - sizeof(guid))
		klen = sizeof(in) - sizeof(guid);
	memcpy(in, key, klen);
	memcpy(in + klen, guid, sizeof(guid) - 1);
	EVP_Digest(in, klen + sizeof(guid) - 1, md, &mdlen, EVP_sha1(), NULL);
	return sodium_bin2base64(out, sizeof(out), md, mdlen,
	    sodium_base64_VARIANT_ORIGINAL);
}

#endif
