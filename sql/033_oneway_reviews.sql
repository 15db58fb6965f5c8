-- 033_oneway_reviews.sql: one-way scorecards per reviewer.  Each
-- interviewer keeps their own 1-5 rating and notes per answer, and their
-- own recommendation and notes; a second reviewer no longer replaces the
-- first.  The single rating of each answer (oneway_questions) and the
-- single recommendation (oneway_settings) move here, attributed to whoever
-- gave them, with the ones they had replaced (from the timeline), and
-- their old columns go.

-- A reviewer's rating of question n's answer.  user_id NULL: moved from
-- before this migration with no rater recorded (the app always recorded
-- one; kept rather than lost, should a hand-made row lack it).
CREATE TABLE oneway_ratings (
	interview_id	bigint NOT NULL,
	n		int NOT NULL,
	user_id		bigint REFERENCES users(id),
	rating		int NOT NULL CHECK (rating BETWEEN 1 AND 5),
	notes		text NOT NULL DEFAULT '',
	rated_at	timestamptz NOT NULL DEFAULT now(),
	FOREIGN KEY (interview_id, n) REFERENCES oneway_questions (interview_id, n)
	    ON DELETE CASCADE
);
-- One each: saving again replaces one's own (ON CONFLICT), no one else's.
CREATE UNIQUE INDEX oneway_ratings_reviewer_key
	ON oneway_ratings (interview_id, n, user_id);

-- A reviewer's overall recommendation of the interview's candidate.
CREATE TABLE oneway_recommendations (
	interview_id	bigint NOT NULL REFERENCES oneway_settings (interview_id)
			    ON DELETE CASCADE,
	user_id		bigint REFERENCES users(id),
	recommendation	text NOT NULL CHECK (recommendation IN ('strong_yes',
			    'yes', 'no', 'strong_no')),
	notes		text NOT NULL DEFAULT '',
	recommended_at	timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX oneway_recommendations_reviewer_key
	ON oneway_recommendations (interview_id, user_id);

-- The app set the rating, notes, rater and time together, and the
-- recommendation with its notes, rater and time: notes without a rating
-- (or recommendation) were written by hand.  Moving only the rated ones
-- would drop them with the columns, so the migration stops (rolled back,
-- nothing changed) and says where they are.
DO $check$
DECLARE
	q	text;
	s	text;
BEGIN
	SELECT string_agg(interview_id || '/' || n, ', ') INTO q
	    FROM oneway_questions WHERE rating IS NULL AND notes <> '';
	SELECT string_agg(interview_id::text, ', ') INTO s
	    FROM oneway_settings WHERE recommendation = ''
	    AND recommendation_notes <> '';
	IF q IS NOT NULL OR s IS NOT NULL THEN
		RAISE EXCEPTION USING MESSAGE = 'one-way notes without a rating'
		    || ' (interview/question ' || coalesce(q, 'none')
		    || ') or without a recommendation (interview '
		    || coalesce(s, 'none') || '): give them one, or empty their'
		    || ' notes, then migrate again';
	END IF;
END
$check$;

-- A time was always set with the rating; the submission's, else now, for
-- a hand-made row without one.
INSERT INTO oneway_ratings (interview_id, n, user_id, rating, notes, rated_at)
	SELECT interview_id, n, rated_by, rating, notes,
	    coalesce(rated_at, submitted_at, now())
	FROM oneway_questions WHERE rating IS NOT NULL;

INSERT INTO oneway_recommendations (interview_id, user_id, recommendation,
    notes, recommended_at)
	SELECT interview_id, recommended_by, recommendation,
	    recommendation_notes, coalesce(recommended_at, now())
	FROM oneway_settings WHERE recommendation <> '';

-- Before this, a second reviewer's rating replaced the first one's, whose
-- number and time only the timeline kept (an answer_rated event with the
-- reviewer as actor; the notes were kept nowhere): each reviewer's latest
-- such rating of an answer comes back, without notes, unless the row
-- above is theirs.  The same for recommendations.
INSERT INTO oneway_ratings (interview_id, n, user_id, rating, notes, rated_at)
	SELECT DISTINCT ON (e.interview_id, q.n, e.actor_user_id)
	    e.interview_id, q.n, e.actor_user_id, (e.detail->>'rating')::int,
	    '', e.created_at
	FROM events e JOIN oneway_questions q ON q.interview_id = e.interview_id
	    AND q.n::text = e.detail->>'question'
	WHERE e.type = 'answer_rated' AND e.actor_user_id IS NOT NULL
	    AND e.detail->>'rating' ~ '^[1-5]$'
	ORDER BY e.interview_id, q.n, e.actor_user_id, e.created_at DESC, e.id DESC
	ON CONFLICT DO NOTHING;

INSERT INTO oneway_recommendations (interview_id, user_id, recommendation,
    notes, recommended_at)
	SELECT DISTINCT ON (e.interview_id, e.actor_user_id) e.interview_id,
	    e.actor_user_id, e.detail->>'recommendation', '', e.created_at
	FROM events e JOIN oneway_settings s ON s.interview_id = e.interview_id
	WHERE e.type = 'recommendation' AND e.actor_user_id IS NOT NULL
	    AND e.detail->>'recommendation' IN ('strong_yes', 'yes', 'no',
	    'strong_no')
	ORDER BY e.interview_id, e.actor_user_id, e.created_at DESC, e.id DESC
	ON CONFLICT DO NOTHING;

ALTER TABLE oneway_questions DROP COLUMN rating, DROP COLUMN notes,
	DROP COLUMN rated_by, DROP COLUMN rated_at;
ALTER TABLE oneway_settings DROP COLUMN recommendation,
	DROP COLUMN recommendation_notes, DROP COLUMN recommended_by,
	DROP COLUMN recommended_at;
