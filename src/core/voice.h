/*
 * voice.h: an adaptive answer given by voice, turn by turn: the recording
 * is checked and stored, the provider transcribes it, and the transcript
 * is answered through adaptive_answer, exactly as a typed answer.
 */
#ifndef VIVA_VOICE_H
#define VIVA_VOICE_H

#include "core/adaptive.h"
#include "core/recording.h"

struct voice_env {
	struct recording_env	 rec;
	struct provider		*prov;	/* the transcriber; NULL: none */
	const char		*stt_model;
	const char		*stt_language;	/* "" for none */
};

enum voice_result {
	VR_RECORDED,	/* the transcript is the answer; the recording kept */
	VR_REFUSED,	/* the upload was refused: refusal says why */
	VR_UNHEARD,	/* the transcriber failed */
	VR_SILENT,	/* the transcript had no words */
	VR_NOT_RECORDED,	/* adaptive_answer refused: adaptive.why */
	VR_UNSTORED,	/* the disk was full: nothing kept, nothing heard */
	VR__MAX
};

struct voice_outcome {
	enum voice_result	 result;
	enum recording_refusal	 refusal;
	/*
	 * The recording as recording_save left it: for VR_REFUSED with
	 * RR_TOO_LONG, its length (recording_refusal_text says it).
	 */
	struct recording	 rec;
	struct adaptive_outcome	 adaptive;
	const char		*transcript;	/* "" until heard */
	int			 input_tokens;	/* the transcription's usage */
	int			 output_tokens;
	double			 seconds;
};

/* Whether the interview offers voice (the create form's flag). */
enum status	voice_offered(struct arena *, struct db *, long long iv,
		    int *offered);
/*
 * Answers question n of iv with the recording p[0..len).  ST_OK: recorded
 * (out->transcript is the answer).  ST_INVALID: refused or silent.
 * ST_UNAVAILABLE: not transcribed.  ST_CONFLICT: adaptive_answer refused
 * (out->adaptive.why), or n is not the open question (AR_STALE), checked
 * before the transcriber is paid.  In every case but ST_OK nothing is
 * recorded, no file is left and nothing is charged; on ST_OK the
 * transcription is a usage row (its cost from ai_prices when it reported
 * tokens) added to the interview's cost, not to its token budget.
 * Once per form_id (adaptive_claim_answer; NULL: no claim): the same
 * upload sent again transcribes and charges nothing and, once the first
 * is recorded, is refused as stale.
 */
enum status	voice_answer(struct arena *, struct db *,
		    const struct assistant_env *, const struct voice_env *,
		    const struct interview *, int n, const char *form_id,
		    const void *p, size_t len, struct voice_outcome *out);

#endif
