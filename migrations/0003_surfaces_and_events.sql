CREATE TABLE "background_jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"dedupe_key" text,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "domain_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" uuid,
	"record_kind" text NOT NULL,
	"record_id" uuid NOT NULL,
	"name" text NOT NULL,
	"from_state" text,
	"to_state" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "principal_kind" text DEFAULT 'candidate' NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "principal_id" uuid;--> statement-breakpoint
UPDATE "sessions" SET "principal_id" = "candidate_id";--> statement-breakpoint
ALTER TABLE "assessment_attempts" ADD COLUMN "answers_hash" text;--> statement-breakpoint
CREATE UNIQUE INDEX "background_jobs_dedupe_key_idx" ON "background_jobs" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "background_jobs_due_idx" ON "background_jobs" USING btree ("run_at") WHERE status = 'queued';--> statement-breakpoint
CREATE INDEX "domain_events_record_idx" ON "domain_events" USING btree ("record_kind","record_id","id");--> statement-breakpoint
CREATE INDEX "domain_events_occurred_idx" ON "domain_events" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "sessions_principal_idx" ON "sessions" USING btree ("principal_kind","principal_id");--> statement-breakpoint
CREATE INDEX "sessions_idle_expires_idx" ON "sessions" USING btree ("idle_expires_at");--> statement-breakpoint
CREATE INDEX "sessions_absolute_expires_idx" ON "sessions" USING btree ("absolute_expires_at");--> statement-breakpoint
CREATE INDEX "assessment_attempts_answers_hash_idx" ON "assessment_attempts" USING btree ("bank_id","answers_hash");;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "assessment_attempts_application_idx" ON "assessment_attempts" USING btree ("application_id","bank_id");