CREATE TABLE "pending_forms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"binding_hash" text NOT NULL,
	"principal_id" uuid NOT NULL,
	"path" text NOT NULL,
	"values" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "personal_draft" jsonb;--> statement-breakpoint
ALTER TABLE "candidates" ADD COLUMN "application_reminders" boolean DEFAULT true NOT NULL;--> statement-breakpoint
CREATE INDEX "pending_forms_binding_idx" ON "pending_forms" USING btree ("binding_hash","path");--> statement-breakpoint
CREATE INDEX "pending_forms_expires_idx" ON "pending_forms" USING btree ("expires_at");