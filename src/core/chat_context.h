/*
 * chat_context.h: which messages of a long conversation one chat request
 * sends.  Every message resends the conversation, so without a limit a
 * long chat grows each request until it passes the model's context window
 * (the provider refuses it) or the candidate's budget pays mostly for
 * resending the past.  A pure function, tested on its own.
 */
#ifndef VIVA_CHAT_CONTEXT_H
#define VIVA_CHAT_CONTEXT_H

#include <stddef.h>

/*
 * Kept before the rest, while they fit: the last exchange (what the new
 * message follows on), then the first (it frames the work).
 */
#define CONTEXT_KEEP_LAST	2
#define CONTEXT_KEEP_FIRST	2

/*
 * Of n history messages (oldest first) costing cost[i] tokens each, sets
 * keep[i] for those a request sends so that it stays within cap tokens,
 * counting fixed (what is always sent: the system prompt, the new message,
 * the framing) and, when any is left out, note tokens for the line that
 * says so: the newest CONTEXT_KEEP_LAST, the first CONTEXT_KEEP_FIRST,
 * then more of the newest, each only while the total stays within cap.
 * Returns how many were left out; they are one run, between the first
 * ones kept and the newest.
 */
size_t	context_fit(const int *cost, size_t n, long fixed, int note, long cap,
	    unsigned char *keep);

#endif
