import type { NoticeSectionId } from "../../../modules/privacy/privacy-notice.ts";
import { usePage } from "../page.ts";

/** Where personal data is collected: why, in a sentence, and a link to the matching section of the privacy notice (APPI Art. 21). */
export function PurposeNote({ text, section }: { text: string; section: NoticeSectionId }) {
  const { t } = usePage();
  return (
    <p class="field__hint">
      {text} <a href={`/privacy#${section}`}>{t("privacy.purposeLink")}</a>
    </p>
  );
}
