/*
 * recording.h: recorded answers on disk.  An upload is checked (libsndfile:
 * format, length, channels), converted to 16-bit mono WAV when it is a WAV
 * of another kind or a format the transcriber does not take, and stored
 * under storage_dir/org-ORG/audio/ through a temporary file that is synced
 * and renamed: a file in the folder is always whole.  With a key it is
 * sealed (lib/seal); bytes and SHA-256 are those of the recording itself.
 */
#ifndef VIVA_RECORDING_H
#define VIVA_RECORDING_H

#include <stddef.h>

#include "lib/arena.h"
#include "lib/db.h"
#include "lib/status.h"

/* Where recordings go and how large they may be; from the config. */
struct recording_env {
	const char	*storage_dir;
	long		 max_bytes;
	int		 max_seconds;
	const unsigned char *key;	/* SEAL_KEY_LEN bytes sealing files; NULL: plain */
};

/* Why an upload was refused; recording_refusal_text says it to the person. */
enum recording_refusal {
	RR_NONE,
	RR_EMPTY,	/* no file, or zero bytes */
	RR_TOO_LARGE,	/* over max_bytes */
	RR_TOO_LONG,	/* over max_seconds */
	RR_UNREADABLE,	/* not audio libsndfile reads, or corrupt */
	RR_CHANNELS,	/* more than two channels */
	RR_NO_SOUND,	/* a video with no sound track */
	RR_CUT_SHORT,	/* a WAV holding less than its header claims */
	RR_VIDEO,	/* pictures, where only sound is taken */
	RR__MAX
};

struct recording {
	const char	*path;		/* relative to storage_dir */
	const char	*abs;		/* storage_dir/path */
	const char	*format;	/* "wav", "ogg", "flac", "mp3" */
	const char	*ctype;		/* its MIME type */
	const char	*sent_format;	/* what the upload was, before conversion */
	long long	 bytes;
	long long	 duration_ms;	/* refused RR_TOO_LONG: its length too */
	int		 duration_at_least;	/* ... known only to be over */
	char		 sha256[65];
	int		 encrypted;	/* sealed at rest (lib/seal) */
	const char	*tmp;		/* not kept yet: where it is */
	const char	*tmp_abs;	/* the same as abs */
	int		 fd;		/* open while tmp is set */
};

/*
 * Checks p[0..len) and stores it for question n of interview iv of org.
 * ST_OK with rec filled (strings in a), the file still temporary: tmp
 * names it under storage_dir/tmp/, where a process killed before it is
 * kept leaves it to `viva jobs run`; recording_keep puts it in place at
 * path, recording_discard drops it.  ST_INVALID with *why set when the
 * upload is refused (nothing is left on disk; for RR_TOO_LONG its length
 * in rec->duration_ms and duration_at_least); ST_UNAVAILABLE when the
 * disk was full or a file-size limit was met, ST_INTERNAL when it failed
 * otherwise (both logged; nothing left either).
 */
enum status	recording_save(struct arena *, const struct recording_env *,
		    long long org, long long iv, int n, const void *p,
		    size_t len, struct recording *rec,
		    enum recording_refusal *why);
struct audio_info;
/*
 * Only checks p[0..len) as recording_save does (libsndfile, in a child
 * process), storing nothing: ST_OK with *ai filled, or ST_INVALID with
 * *why, or ST_INTERNAL when the child could not start.
 */
enum status	recording_probe(const struct recording_env *, const void *p,
		    size_t len, struct audio_info *ai,
		    enum recording_refusal *why);
/* WebM and MP4, walked by lib/webm and lib/mp4, are kept as sent. */
enum { KEPT_NONE, KEPT_WEBM, KEPT_MP4 };
/*
 * If p is WebM or MP4 (*kept says which; KEPT_NONE and RR_NONE when it is
 * neither), checks its sound track, length and channels into *ai (frames
 * not decoded).  any_codec 0: only the sound codecs the transcriber takes
 * in that container (a voice answer goes to it as sent).
 */
enum recording_refusal recording_check_kept(const struct recording_env *,
		    const void *p, size_t len, int any_codec, int *kept,
		    struct audio_info *ai);
/* "webm", "mp4" for KEPT_WEBM, KEPT_MP4. */
const char	*recording_kept_format(int kept);
/*
 * Puts a recording from recording_save in place at its path (synced,
 * renamed).  ST_OK, or as filestore_commit, the temporary file removed.
 */
enum status	recording_keep(struct recording *);
/* Removes a file that will not be kept (its answer was not recorded). */
void		recording_discard(struct recording *);
/* The row for a kept recording, its transcript beside it. */
enum status	recording_insert(struct arena *, struct db *, long long org,
		    long long iv, int n, const struct recording *,
		    const char *transcript);
/*
 * The question numbers of interview iv that were answered by voice, as a
 * bitmap of n (1..max): out[n] = 1.  out has max + 1 entries.
 */
enum status	recording_answered(struct arena *, struct db *, long long iv,
		    int max, unsigned char **out);
/*
 * Streams the recording at path (relative to env->storage_dir) to out,
 * decrypted when encrypted (lib/seal).  ST_NOTFOUND for a missing file or
 * a path not ours, ST_INVALID for a sealed file cut or altered (logged),
 * ST_UNAVAILABLE for a sealed file and no key.
 */
enum status	recording_read(struct arena *, const struct recording_env *,
		    const char *path, int encrypted,
		    int (*out)(void *, const void *, size_t), void *arg);
/* A stored recording opened to be sent, its plain size known first. */
struct recording_file {
	int		 fd;		/* -1 once closed */
	int		 encrypted;
	long long	 size;		/* plain bytes, as sent */
	const char	*abs;		/* storage_dir/path, for logs */
};

/*
 * Opens the recording at path (relative to env->storage_dir) for
 * recording_stream; the caller closes it with recording_close.  Errors as
 * recording_read's, ST_INVALID also for a sealed file of a size
 * lib/seal never writes; f is then closed.
 */
enum status	recording_open(struct arena *, const struct recording_env *,
		    const char *path, int encrypted, struct recording_file *f);
/*
 * Passes plain bytes [off, off + len) of f to out (len may run past the
 * end): a sealed file is decrypted from its start, the bytes before off
 * checked but not passed on.  As recording_read for the rest.
 */
enum status	recording_stream(const struct recording_env *,
		    const struct recording_file *, long long off,
		    long long len, int (*out)(void *, const void *, size_t),
		    void *arg);
void		recording_close(struct recording_file *);
/* As recording_read, into memory from a (the caller zeroes it when done). */
enum status	recording_load(struct arena *, const struct recording_env *,
		    const char *path, int encrypted, char **p, size_t *len);
/* A stored recording as the interviewer's page lists it. */
struct recording_row {
	int		 n;		/* the question it answers */
	const char	*path;		/* relative to storage_dir */
	const char	*format;
	long long	 bytes;
	long long	 duration_ms;
	const char	*transcript;	/* "" if none */
	int		 encrypted;	/* sealed: the app decrypts, not nginx */
};

/* Interview iv's recordings, if it is org's, by question; *n may be 0. */
enum status	recording_list(struct arena *, struct db *, long long org,
		    long long iv, struct recording_row **, size_t *n);
/*
 * The MIME type of a stored format ("ogg": "audio/ogg"), the video one
 * ("webm": "video/webm") when video is set and the format has one;
 * application/octet-stream for a format not ours.  A static string.
 */
const char	*recording_ctype(const char *format, int video);
/* The longest recording, in words: "90 seconds", "5 minutes". */
const char	*recording_limit_text(struct arena *, const struct recording_env *);
/* Said for RR_CUT_SHORT on every path that takes a recording. */
#define RECORDING_CUT_SHORT_TEXT \
	"The recording arrived cut short: its header promises more sound" \
	" than the file holds, so part of the answer is missing. Record it" \
	" again, or send the whole file."
/*
 * A length for people: "45 s", "1 min 12 s", "2 min", "less than 1 s";
 * "" for none.
 */
const char	*recording_duration_text(struct arena *, long long ms);
/*
 * A refused take's length (rec as recording_save or oneway_store left
 * it): "1 min 12 s", or "more than 1 min 12 s" when decoding stopped
 * there; "" when unknown (or rec is NULL).
 */
const char	*recording_length_text(struct arena *,
		    const struct recording *rec);
/*
 * What the candidate reads for a refusal of a voice answer (and the
 * formats accepted); rec (or NULL) is the refused take, whose length a
 * take too long names beside the limit when it is known.
 */
const char	*recording_refusal_text(struct arena *,
		    const struct recording_env *, enum recording_refusal,
		    const struct recording *rec);

#endif
