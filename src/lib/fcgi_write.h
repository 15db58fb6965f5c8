/* fcgi_write.h: a whole FastCGI reply written at once. */
#ifndef VIVA_FCGI_WRITE_H
#define VIVA_FCGI_WRITE_H

#include <stddef.h>
#include <fcgiapp.h>

/*
 * Writes head then body to the web server as FastCGI stdout records, then
 * the end of the stream and of the request, in one system call for a reply
 * up to 64 KiB.  libfcgi would copy them through its 8 KiB buffer and write
 * each 8 KiB on its own, then the end (five writes for a 30 KB page).  Only
 * while nothing of this request went through f->out; f->out is closed after
 * it, so FCGX_Finish_r writes nothing more.  0, or -1 when the web server
 * went away (the reply is lost; nothing else is).
 */
int	fcgi_write_whole(FCGX_Request *f, const char *head, size_t head_len,
	    const char *body, size_t body_len);

#endif
