CREATE TABLE "assessment_answers" (
	"attempt_id" uuid NOT NULL,
	"item_id" text NOT NULL,
	"item_version" integer NOT NULL,
	"answer" text,
	"version" integer DEFAULT 0 NOT NULL,
	"first_shown_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"ms_to_answer" integer,
	"changes" integer DEFAULT 0 NOT NULL,
	"transcript_used" boolean DEFAULT false NOT NULL,
	"plays" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "assessment_answers_attempt_id_item_id_pk" PRIMARY KEY("attempt_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "assessment_attempts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"candidate_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"bank_id" text NOT NULL,
	"bank_version" integer NOT NULL,
	"state" text DEFAULT 'in_progress' NOT NULL,
	"furthest_step" integer DEFAULT 0 NOT NULL,
	"auto_advance" boolean DEFAULT true NOT NULL,
	"device_hash" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"valid_until" timestamp with time zone,
	"score" jsonb,
	"integrity" jsonb
);
--> statement-breakpoint
CREATE TABLE "assessment_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"attempt_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"item_id" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_surveys" (
	"attempt_id" uuid PRIMARY KEY NOT NULL,
	"bank_id" text NOT NULL,
	"answers" jsonb NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assessment_answers" ADD CONSTRAINT "assessment_answers_attempt_id_assessment_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."assessment_attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_events" ADD CONSTRAINT "assessment_events_attempt_id_assessment_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."assessment_attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_surveys" ADD CONSTRAINT "assessment_surveys_attempt_id_assessment_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."assessment_attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_attempts_candidate_idx" ON "assessment_attempts" USING btree ("candidate_id","bank_id");--> statement-breakpoint
CREATE INDEX "assessment_attempts_device_idx" ON "assessment_attempts" USING btree ("device_hash");--> statement-breakpoint
CREATE INDEX "assessment_events_attempt_idx" ON "assessment_events" USING btree ("attempt_id");