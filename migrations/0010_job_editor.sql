ALTER TABLE "jobs" ADD COLUMN "location" jsonb;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "question_set" text;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "assessment_bank" text DEFAULT 'csa-ja' NOT NULL;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "revision" integer DEFAULT 0 NOT NULL;