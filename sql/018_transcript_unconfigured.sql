-- 018_transcript_unconfigured.sql: a one-way answer submitted while no
-- speech-to-text provider was configured was stored 'done' with the reason
-- as its transcript, so once a provider was configured nothing could
-- transcribe it.  Such a take is 'failed' now, as the transcription queue
-- leaves one it has no provider for: the review page says plainly why there
-- is no transcript, and offers "Transcribe now" once a provider is set up.
UPDATE recordings SET transcript_state = 'failed',
	transcript = 'not transcribed: no speech-to-text provider was configured'
	WHERE transcript_state = 'done'
	AND transcript = 'not transcribed: no AI provider configured';
