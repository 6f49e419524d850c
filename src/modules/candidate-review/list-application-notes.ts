import { desc, eq } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { staffMembers } from "../staff/schema.ts";
import { type ApplicationNote, applicationNotes } from "./schema.ts";

/** A note with the name of the member of staff who wrote it. */
export type NoteWithAuthor = Pick<ApplicationNote, "id" | "body" | "rating" | "createdAt" | "authorId"> & { authorName: string };

/** The office's notes on an application, newest first. */
export async function listApplicationNotes(db: Db, applicationId: string): Promise<NoteWithAuthor[]> {
  return db
    .select({
      id: applicationNotes.id,
      body: applicationNotes.body,
      rating: applicationNotes.rating,
      createdAt: applicationNotes.createdAt,
      authorId: applicationNotes.authorId,
      authorName: staffMembers.name,
    })
    .from(applicationNotes)
    .innerJoin(staffMembers, eq(staffMembers.id, applicationNotes.authorId))
    .where(eq(applicationNotes.applicationId, applicationId))
    .orderBy(desc(applicationNotes.createdAt), desc(applicationNotes.id));
}
