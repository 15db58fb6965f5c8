/* speech.c: question audio, synthesised once per (engine, model, voice, text) and kept on disk. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sodium.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/provider_audio.h"
#include "core/speech.h"
#include "lib/clock.h"
#include "lib/filestore.h"
#include "lib/log.h"

#define TEXT_MAX	4000	/* bytes; the provider takes 4096 characters */
#define PROGRAM_WAIT_MS	30000

extern char	**environ;

/* The program's full path when it is on the PATH (or is a path), else NULL. */
static const char *
program_path(struct arena *a, const char *prog)
{
	const char	*path = getenv("PATH"), *e;
	char		*full;

	if (prog == NULL || *prog == '\0')
		return NULL;
	if (strchr(prog, '/') != NULL)
		return access(prog, X_OK) == 0 ? prog : NULL;
	for (; path != NULL && *path != '\0'; path = *e ? e + 1 : e) {
		e = path + strcspn(path, ":");
		full = arena_printf(a, "%.*s/%s", (int)(e - path), path, prog);
		if (access(full, X_OK) == 0)
			return full;
	}
	return NULL;
}

int
speech_available(const struct speech_env *env)
{
	struct arena	*a;
	int		 ok;

	if (env->prov != NULL)
		return 1;
	a = arena_new();
	ok = program_path(a, env->program) != NULL;
	arena_free(a);
	return ok;
}

/* Skips a fenced code block at *s; 1 if there was one. */
static int
skip_fence(const char **s)
{
	const char	*e;

	if (strncmp(*s, "```", 3) != 0 && strncmp(*s, "~~~", 3) != 0)
		return 0;
	e = strstr(*s + 3, (*s)[0] == '`' ? "\n```" : "\n~~~");
	*s = e != NULL ? e + 4 : *s + strlen(*s);
	*s += strcspn(*s, "\n");
	return 1;
}

const char *
speech_text(struct arena *a, const char *md)
{
	struct buf	 b;
	const char	*s = md;
	int		 space = 0;

	buf_init(&b, a);
	while (*s != '\0' && b.len < TEXT_MAX) {
		if ((s == md || s[-1] == '\n') && skip_fence(&s)) {
			if (b.len > 0)
				buf_putc(&b, ' ');
			buf_puts(&b, "(see the code on the screen)");
			space = 1;
			continue;
		}
		if (*s == ']' && s[1] == '(') {	/* [words](url): the words */
			s += strcspn(s, ")");
			if (*s == ')')
				s++;
			continue;
		}
		if (strchr("`*_#>[|", *s) != NULL) {
			s++;
			continue;
		}
		if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') {
			space = b.len > 0;
			s++;
			continue;
		}
		if (space)
			buf_putc(&b, ' ');
		space = 0;
		buf_putc(&b, *s++);
	}
	/* Cut at a space, never inside a UTF-8 sequence. */
	while (*s != '\0' && b.len > 0 && b.p[b.len - 1] != ' ')
		b.len--;
	buf_putc(&b, '\0');
	b.len--;
	return b.p;
}

/* The cache file's name: a hash of all that changes the sound. */
static const char *
cache_name(struct arena *a, const char *engine, const char *model,
    const char *voice, const char *text, const char *ext)
{
	crypto_hash_sha256_state	 h;
	unsigned char			 out[crypto_hash_sha256_BYTES];
	char				 hex[65];
	const char			*parts[4] = { engine, model, voice, text };
	size_t				 i;

	crypto_hash_sha256_init(&h);
	for (i = 0; i < NITEMS(parts); i++)	/* NUL-separated: unambiguous */
		crypto_hash_sha256_update(&h, (const unsigned char *)parts[i],
		    strlen(parts[i]) + 1);
	crypto_hash_sha256_final(&h, out);
	sodium_bin2hex(hex, sizeof(hex), out, sizeof(out));
	return arena_printf(a, "tts/%.2s/%s.%s", hex, hex, ext);
}

static enum status
from_provider(struct arena *a, const struct speech_env *env, const char *text,
    int fd)
{
	struct tts_req	 rq = { env->model, env->voice, text, "mp3" };
	struct tts_res	 rs;
	enum status	 st;

	if ((st = provider_speech(a, env->prov, &rq, &rs)) != ST_OK) {
		log_warn("speech: provider: %s: %s", rs.error_code != NULL ?
		    rs.error_code : "invalid", rs.error_message != NULL ?
		    rs.error_message : "");
		return ST_UNAVAILABLE;
	}
	if (filestore_write(fd, rs.audio.p, rs.audio.len) != 0) {
		log_error("speech: write: %s", strerror(errno));
		return ST_INTERNAL;
	}
	return ST_OK;
}

/* Waits for pid up to PROGRAM_WAIT_MS; kills it then.  Its exit status, or -1. */
static int
reap(pid_t pid)
{
	struct timespec	 ts = { 0, 10 * 1000000L };
	int		 ws, i;
	pid_t		 r;

	for (i = 0; i < PROGRAM_WAIT_MS / 10; i++) {
		if ((r = waitpid(pid, &ws, WNOHANG)) == pid)
			return WIFEXITED(ws) ? WEXITSTATUS(ws) : -1;
		if (r == -1 && errno != EINTR)
			return -1;
		nanosleep(&ts, NULL);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &ws, 0);
	return -1;
}

/*
 * Copies the program's output into fd until it ends, within
 * PROGRAM_WAIT_MS; *len is how much came.
 */
static enum status
copy_out(int in, int fd, long long *len)
{
	char		 buf[65536];
	struct pollfd	 pf = { in, POLLIN, 0 };
	int64_t		 end = clock_ms() + PROGRAM_WAIT_MS;
	ssize_t		 n;
	int		 rc, left;

	for (*len = 0;;) {
		/* poll() waits for ever on a negative timeout. */
		if ((left = (int)(end - clock_ms())) < 0)
			left = 0;
		if ((rc = poll(&pf, 1, left)) == -1 && errno == EINTR)
			continue;
		if (rc <= 0)
			return ST_UNAVAILABLE;	/* hung: reap() says so */
		if ((n = read(in, buf, sizeof(buf))) == 0)
			return ST_OK;
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return ST_INTERNAL;
		if (filestore_write(fd, buf, (size_t)n) == -1) {
			log_error("speech: write: %s", strerror(errno));
			return filestore_write_status(errno);
		}
		*len += n;
	}
}

static void
le32(unsigned char *p, uint32_t v)
{
	p[0] = v & 0xff;
	p[1] = v >> 8 & 0xff;
	p[2] = v >> 16 & 0xff;
	p[3] = v >> 24 & 0xff;
}

/* A WAV written to a pipe has no sizes in its header: they are set here. */
static enum status
wav_sizes(int fd, long long len)
{
	unsigned char	 h[44];

	if (len < (long long)sizeof(h) || len > UINT32_MAX ||
	    pread(fd, h, sizeof(h), 0) != (ssize_t)sizeof(h) ||
	    memcmp(h, "RIFF", 4) != 0 || memcmp(h + 36, "data", 4) != 0) {
		log_error("speech: the program wrote no WAV (%lld bytes)", len);
		return ST_UNAVAILABLE;
	}
	le32(h + 4, (uint32_t)(len - 8));
	le32(h + 40, (uint32_t)(len - (long long)sizeof(h)));
	if (pwrite(fd, h, sizeof(h), 0) != (ssize_t)sizeof(h)) {
		log_error("speech: write: %s", strerror(errno));
		return filestore_write_status(errno);
	}
	return ST_OK;
}

/*
 * espeak-ng reads the text on its standard input (no option can be
 * smuggled in through it) and writes the WAV to its standard output,
 * which we copy into fd.  Not -w FILE: it does not check its writes, so
 * on a full disk it left a file cut short and exited 0, and the cut
 * sound was served from the cache for good.
 */
static enum status
from_program(struct arena *a, const struct speech_env *env, const char *text,
    int fd)
{
	posix_spawn_file_actions_t	 fa;
	const char			*prog = program_path(a, env->program);
	char				*argv[8];
	int				 in[2], out[2], rc;
	long long			 len;
	enum status			 st;
	pid_t				 pid;

	/* A socket, not a pipe: send() with MSG_NOSIGNAL cannot kill us with
	 * SIGPIPE if the program dies before reading. */
	if (prog == NULL || socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0,
	    in) == -1)
		return ST_UNAVAILABLE;
	if (pipe2(out, O_CLOEXEC) == -1) {
		close(in[0]);
		close(in[1]);
		return ST_UNAVAILABLE;
	}
	argv[0] = (char *)prog;
	argv[1] = "-v";
	argv[2] = (char *)env->program_voice;
	argv[3] = "--stdin";
	argv[4] = "--stdout";
	argv[5] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in[0], 0);
	posix_spawn_file_actions_adddup2(&fa, out[1], 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	rc = posix_spawn(&pid, prog, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(in[0]);
	close(out[1]);
	if (rc != 0) {
		close(in[1]);
		close(out[0]);
		log_error("speech: cannot run %s: %s", prog, strerror(rc));
		return ST_UNAVAILABLE;
	}
	/* At most TEXT_MAX bytes: within the socket's buffer, so no deadlock. */
	(void)send(in[1], text, strlen(text), MSG_NOSIGNAL);
	close(in[1]);
	st = copy_out(out[0], fd, &len);
	close(out[0]);
	if (st != ST_OK)
		kill(pid, SIGKILL);
	if ((rc = reap(pid)) != 0) {
		log_error("speech: %s failed (%d)", prog, rc);
		return st != ST_OK ? st : ST_UNAVAILABLE;
	}
	return st != ST_OK ? st : wav_sizes(fd, len);
}

/* Makes the audio into a temporary file, then puts it in place. */
static enum status
synthesise(struct arena *a, const struct speech_env *env, const char *text,
    const char *final)
{
	char		*tmp;
	int		 fd;
	enum status	 st;

	if ((fd = filestore_temp_shared(a, arena_printf(a, "%s/tmp",
	    env->storage_dir), &tmp)) == -1)
		return ST_INTERNAL;
	if (env->prov != NULL)
		st = from_provider(a, env, text, fd);
	else
		st = from_program(a, env, text, fd);
	if (st != ST_OK) {
		filestore_abort(fd, tmp);
		return st;
	}
	return filestore_commit(fd, tmp, final);
}

enum status
speech_get(struct arena *a, const struct speech_env *env, const char *text,
    const char **path, const char **ctype)
{
	const char	*words = speech_text(a, text), *final, *dir;
	struct stat	 sb;
	int		 prov = env->prov != NULL;

	if (!speech_available(env))
		return ST_NOTFOUND;
	if (*words == '\0')
		words = "(no words)";
	*path = prov ? cache_name(a, "provider", env->model, env->voice, words,
	    "mp3") : cache_name(a, env->program, "", env->program_voice, words,
	    "wav");
	*ctype = prov ? "audio/mpeg" : "audio/wav";
	final = arena_printf(a, "%s/%s", env->storage_dir, *path);
	if (stat(final, &sb) == 0 && sb.st_size > 0)
		return ST_OK;
	dir = arena_printf(a, "%s/%.*s", env->storage_dir,
	    (int)(strrchr(*path, '/') - *path), *path);
	if (filestore_mkdirs(dir) == -1) {
		log_error("speech: cannot make %s: %s", dir, strerror(errno));
		return ST_INTERNAL;
	}
	return synthesise(a, env, words, final);
}
