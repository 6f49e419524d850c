CREATE TABLE "application_notes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"rating" integer,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "application_notes_rating_range" CHECK ("application_notes"."rating" IS NULL OR "application_notes"."rating" BETWEEN 1 AND 5),
	CONSTRAINT "application_notes_body_length" CHECK (char_length("application_notes"."body") BETWEEN 1 AND 2000)
);
--> statement-breakpoint
ALTER TABLE "application_notes" ADD CONSTRAINT "application_notes_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_notes" ADD CONSTRAINT "application_notes_author_id_staff_members_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."staff_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "application_notes_application_idx" ON "application_notes" USING btree ("application_id","created_at");--> statement-breakpoint
CREATE INDEX "application_notes_candidate_idx" ON "application_notes" USING btree ("candidate_id");--> statement-breakpoint
CREATE INDEX "outbox_recipient_idx" ON "outbox" USING btree ("recipient","id");--> statement-breakpoint
CREATE FUNCTION "application_notes_are_written_once"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'application notes are written once: % is not allowed', TG_OP;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "application_notes_no_update" BEFORE UPDATE ON "application_notes" FOR EACH ROW EXECUTE FUNCTION "application_notes_are_written_once"();
