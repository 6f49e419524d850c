import path from "node:path";
import { type ItemBank, loadItemBank } from "../../../modules/assessment/bank/index.ts";
import { PROJECT_ROOT } from "../../../platform/project-root.ts";

/** The item bank the candidate pages use: the demo bank for the Customer Service Associate job. */
export const CANDIDATE_BANK_DIR = path.join(PROJECT_ROOT, "content/assessments/csa-ja");

let loading: Promise<ItemBank> | null = null;

/** The candidate pages' item bank, loaded and checked once per process. */
export function loadCandidateBank(): Promise<ItemBank> {
  loading ??= loadItemBank(CANDIDATE_BANK_DIR).catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
