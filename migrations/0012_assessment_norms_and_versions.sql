CREATE TABLE "assessment_norms" (
	"bank_id" text NOT NULL,
	"bank_version" integer NOT NULL,
	"scoring_version" integer NOT NULL,
	"version" integer NOT NULL,
	"attempts" integer NOT NULL,
	"provisional" boolean NOT NULL,
	"scales" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "assessment_norms_bank_id_bank_version_scoring_version_version_pk" PRIMARY KEY("bank_id","bank_version","scoring_version","version")
);
--> statement-breakpoint
ALTER TABLE "assessment_answers" ADD COLUMN "locale" text;--> statement-breakpoint
ALTER TABLE "assessment_attempts" ADD COLUMN "show_transcripts" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "assessment_attempts" ADD COLUMN "scoring_version" integer;--> statement-breakpoint
ALTER TABLE "assessment_attempts" ADD COLUMN "measures" jsonb;--> statement-breakpoint
ALTER TABLE "assessment_attempts" ADD COLUMN "result" jsonb;--> statement-breakpoint
ALTER TABLE "assessment_attempts" ADD COLUMN "norm_version" integer;