-- A message being sent used to be 'processing'; it now stays 'queued' with its lease in next_attempt_at.
-- Messages left 'processing' by an older version are handed back to the queue at once.
UPDATE "outbox" SET "status" = 'queued', "next_attempt_at" = LEAST("next_attempt_at", COALESCE("locked_until", "next_attempt_at")) WHERE "status" = 'processing';
