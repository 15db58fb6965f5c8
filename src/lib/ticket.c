/* ticket.c: mint and verify realtime tickets (see ticket.h for the format). */
#include <sodium.h>
#include <string.h>

#include "ticket.h"

/* 2: a random nonce, so that no two tickets are alike and each is used once. */
#define VERSION		2
#define NONCE_LEN	8
#define BODY_LEN	(17 + NONCE_LEN)	/* version, interview id, expiry, nonce */
#define RAW_LEN		(BODY_LEN + crypto_auth_BYTES)

/* Big-endian, so the layout does not depend on the host. */
static void
put64(unsigned char *p, long long v)
{
	unsigned long long	u = (unsigned long long)v;
	int			i;

	for (i = 7; i >= 0; i--, u >>= 8)
		p[i] = (unsigned char)(u & 0xff);
}

static long long
get64(const unsigned char *p)
{
	unsigned long long	u = 0;
	int			i;

	for (i = 0; i < 8; i++)
		u = (u << 8) | p[i];
	return (long long)u;
}

enum status
ticket_key_parse(const char *hex, unsigned char key[TICKET_KEY_LEN])
{
	size_t	len;

	if (hex == NULL || strlen(hex) != 2 * TICKET_KEY_LEN ||
	    sodium_hex2bin(key, TICKET_KEY_LEN, hex, strlen(hex), NULL, &len,
	    NULL) != 0 || len != TICKET_KEY_LEN) {
		sodium_memzero(key, TICKET_KEY_LEN);
		return ST_INVALID;
	}
	return ST_OK;
}

char *
ticket_mint(struct arena *a, const unsigned char key[TICKET_KEY_LEN],
    long long iv, long long expires)
{
	unsigned char	 raw[RAW_LEN];
	char		*out;

	raw[0] = VERSION;
	put64(raw + 1, iv);
	put64(raw + 9, expires);
	randombytes_buf(raw + 17, NONCE_LEN);
	crypto_auth(raw + BODY_LEN, raw, BODY_LEN, key);
	out = arena_alloc(a, TICKET_TEXT_LEN + 1);
	sodium_bin2base64(out, TICKET_TEXT_LEN + 1, raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return out;
}

static enum status
refuse(struct ticket_claim *c, enum status st, const char *why)
{
	c->why = why;
	return st;
}

enum status
ticket_verify(const unsigned char key[TICKET_KEY_LEN], const char *text,
    long long now, struct ticket_claim *c)
{
	unsigned char	raw[RAW_LEN];
	size_t		len;

	memset(c, 0, sizeof(*c));
	c->why = "";
	/* The length first: the decoder must never see an unbounded string. */
	if (text == NULL || strnlen(text, TICKET_TEXT_LEN + 1) != TICKET_TEXT_LEN ||
	    sodium_base642bin(raw, sizeof(raw), text, TICKET_TEXT_LEN, NULL,
	    &len, NULL, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    len != RAW_LEN)
		return refuse(c, ST_INVALID, "not a ticket");
	if (raw[0] != VERSION)
		return refuse(c, ST_INVALID, "unknown ticket version");
	if (crypto_auth_verify(raw + BODY_LEN, raw, BODY_LEN, key) != 0)
		return refuse(c, ST_DENIED, "ticket signature does not match");
	c->interview = get64(raw + 1);
	c->expires = get64(raw + 9);
	if (now >= c->expires)
		return refuse(c, ST_CONFLICT, "ticket expired");
	return ST_OK;
}
