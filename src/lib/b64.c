/* b64.c: base64 for audio frames (see b64.h). */
#include "b64.h"

static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* 0..63, or 64 for anything else (padding included). */
static unsigned char	values[256];
static int		ready;

static void
init(void)
{
	int	i;

	for (i = 0; i < 256; i++)
		values[i] = 64;
	for (i = 0; i < 64; i++)
		values[(unsigned char)alphabet[i]] = (unsigned char)i;
	ready = 1;
}

size_t
b64_encode(char *out, const unsigned char *in, size_t n)
{
	size_t		i, o = 0;
	unsigned long	v;

	for (i = 0; i + 3 <= n; i += 3) {
		v = (unsigned long)in[i] << 16 | (unsigned long)in[i + 1] << 8 |
		    in[i + 2];
		out[o++] = alphabet[v >> 18];
		out[o++] = alphabet[(v >> 12) & 63];
		out[o++] = alphabet[(v >> 6) & 63];
		out[o++] = alphabet[v & 63];
	}
	if (i < n) {
		v = (unsigned long)in[i] << 16;
		if (i + 1 < n)
			v |= (unsigned long)in[i + 1] << 8;
		out[o++] = alphabet[v >> 18];
		out[o++] = alphabet[(v >> 12) & 63];
		out[o++] = i + 1 < n ? alphabet[(v >> 6) & 63] : '=';
		out[o++] = '=';
	}
	return o;
}

int
b64_decode(unsigned char *out, size_t outsz, const char *in, size_t len,
    size_t *outlen)
{
	const unsigned char	*s = (const unsigned char *)in;
	unsigned long		 v;
	size_t			 i, o = 0, pad = 0;
	unsigned char		 a, b, c, d;

	if (!ready)
		init();
	if (len % 4 != 0)
		return -1;
	if (len > 0 && s[len - 1] == '=')
		pad = len > 1 && s[len - 2] == '=' ? 2 : 1;
	if ((len / 4) * 3 - pad > outsz)
		return -1;
	for (i = 0; i < len; i += 4) {
		a = values[s[i]];
		b = values[s[i + 1]];
		c = i + 4 == len && pad == 2 ? 0 : values[s[i + 2]];
		d = i + 4 == len && pad >= 1 ? 0 : values[s[i + 3]];
		if ((a | b | c | d) & 64)
			return -1;
		v = (unsigned long)a << 18 | (unsigned long)b << 12 |
		    (unsigned long)c << 6 | d;
		out[o++] = (unsigned char)(v >> 16);
		if (i + 4 < len || pad < 2)
			out[o++] = (unsigned char)(v >> 8);
		if (i + 4 < len || pad < 1)
			out[o++] = (unsigned char)v;
	}
	*outlen = o;
	return 0;
}
