/* queue.c: a session's FIFO of messages toward one side, counted in bytes. */
#include <stdlib.h>

#include "worker.h"

struct msg *
msg_new(size_t len, int binary)
{
	struct msg	*m;

	if ((m = malloc(sizeof(*m) + len)) == NULL)
		abort();
	m->next = NULL;
	m->len = len;
	m->binary = binary;
	m->t_in = 0;
	return m;
}

void
queue_push(struct queue *q, struct msg *m)
{
	if (q->tail != NULL)
		q->tail->next = m;
	else
		q->head = m;
	q->tail = m;
	q->bytes += m->len;
	q->n++;
}

struct msg *
queue_pop(struct queue *q)
{
	struct msg	*m = q->head;

	if (m == NULL)
		return NULL;
	if ((q->head = m->next) == NULL)
		q->tail = NULL;
	q->bytes -= m->len;
	q->n--;
	m->next = NULL;
	return m;
}

void
queue_clear(struct queue *q)
{
	struct msg	*m;

	while ((m = queue_pop(q)) != NULL)
		free(m);
}
