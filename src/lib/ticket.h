/*
 * ticket.h: short-lived signed tickets that let a browser open the realtime
 * WebSocket.  viva.fcgi mints them for a candidate it has authenticated;
 * viva-worker checks them with the shared key alone, without a database
 * round trip (libsodium crypto_auth, HMAC-SHA-512-256).
 */
#ifndef VIVA_TICKET_H
#define VIVA_TICKET_H

#include <stddef.h>

#include "arena.h"
#include "status.h"

#define TICKET_KEY_LEN	32	/* crypto_auth_KEYBYTES */
/* Long enough to open a socket after a page load, short enough to be useless if leaked. */
#define TICKET_TTL_S	60
/*
 * The encoded length: a version byte, id, expiry and a random nonce (8 bytes
 * each), a 32-byte tag.
 */
#define TICKET_TEXT_LEN	76

/* Why a ticket was refused; "" when it was not. */
struct ticket_claim {
	long long	 interview;
	long long	 expires;	/* unix seconds */
	const char	*why;		/* for the log and the client's error event */
};

/* 64 hex characters into key; ST_INVALID for anything else. */
enum status	 ticket_key_parse(const char *hex, unsigned char key[TICKET_KEY_LEN]);
/* The ticket for interview iv valid until expires, as base64url text (arena-owned). */
char		*ticket_mint(struct arena *, const unsigned char key[TICKET_KEY_LEN],
		    long long iv, long long expires);
/*
 * Checks text against key at time now.  ST_OK fills c.  ST_INVALID: not a
 * ticket (bad length, characters or version); ST_DENIED: the tag does not
 * match (forged or signed with another key); ST_CONFLICT: expired.
 * c->why says which in words.
 */
enum status	 ticket_verify(const unsigned char key[TICKET_KEY_LEN],
		    const char *text, long long now, struct ticket_claim *c);

#endif
