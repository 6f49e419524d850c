CREATE TABLE "account_deletions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"candidate_id" uuid NOT NULL,
	"requested_by" text NOT NULL,
	"staff_id" uuid,
	"requested_at" timestamp with time zone NOT NULL,
	"erased_at" timestamp with time zone,
	"removed" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "candidate_sign_ins" (
	"id" uuid PRIMARY KEY NOT NULL,
	"candidate_id" uuid NOT NULL,
	"signed_in_at" timestamp with time zone NOT NULL,
	"channel" text NOT NULL,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "consent_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"candidate_id" uuid NOT NULL,
	"application_id" uuid,
	"purpose" text NOT NULL,
	"decision" text NOT NULL,
	"text_version" text NOT NULL,
	"page" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "erased_gender_counts" (
	"job_id" text NOT NULL,
	"cohort_month" text NOT NULL,
	"stage" text NOT NULL,
	"gender" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "erased_gender_counts_job_id_cohort_month_stage_gender_pk" PRIMARY KEY("job_id","cohort_month","stage","gender")
);
--> statement-breakpoint
CREATE TABLE "legal_holds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"candidate_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"placed_by" uuid NOT NULL,
	"placed_at" timestamp with time zone NOT NULL,
	"released_by" uuid,
	"released_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "privacy_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"candidate_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"received_via" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid NOT NULL,
	"completed_at" timestamp with time zone,
	"completed_by" uuid
);
--> statement-breakpoint
CREATE TABLE "retention_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dry_run" boolean NOT NULL,
	"trigger" text NOT NULL,
	"staff_id" uuid,
	"clock" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"report" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "forget_after_send" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "candidates" ADD COLUMN "contact_stopped_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "candidates" ADD COLUMN "last_active_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "account_deletions_candidate_idx" ON "account_deletions" USING btree ("candidate_id");--> statement-breakpoint
CREATE INDEX "candidate_sign_ins_candidate_idx" ON "candidate_sign_ins" USING btree ("candidate_id","signed_in_at");--> statement-breakpoint
CREATE INDEX "candidate_sign_ins_at_idx" ON "candidate_sign_ins" USING btree ("signed_in_at");--> statement-breakpoint
CREATE INDEX "consent_records_candidate_idx" ON "consent_records" USING btree ("candidate_id","recorded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "legal_holds_open_idx" ON "legal_holds" USING btree ("candidate_id") WHERE released_at IS NULL;--> statement-breakpoint
CREATE INDEX "privacy_requests_candidate_idx" ON "privacy_requests" USING btree ("candidate_id","received_at");--> statement-breakpoint
CREATE INDEX "retention_runs_started_idx" ON "retention_runs" USING btree ("started_at");--> statement-breakpoint
UPDATE "candidates" SET "last_active_at" = "updated_at";--> statement-breakpoint
INSERT INTO "consent_records" ("id", "candidate_id", "purpose", "decision", "text_version", "page", "recorded_at")
SELECT gen_random_uuid(), "id", 'privacy_notice', 'given', 'unversioned', '/register', "created_at" FROM "candidates";--> statement-breakpoint
INSERT INTO "consent_records" ("id", "candidate_id", "purpose", "decision", "text_version", "page", "recorded_at")
SELECT gen_random_uuid(), "id", 'contact_email', 'given', 'unversioned', '/register', "created_at" FROM "candidates" WHERE "contact_consent";
