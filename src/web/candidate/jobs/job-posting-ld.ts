import { PREFECTURES } from "../../../modules/addresses/index.ts";
import type { Job } from "../../../modules/jobs/schema.ts";

/**
 * schema.org JobPosting for search engines, with Google's required fields (title, description, datePosted,
 * hiringOrganization, and for remote work jobLocationType + applicantLocationRequirements) and its
 * recommended ones (identifier, employmentType, validThrough, baseSalary, directApply); an on-site or hybrid
 * job names its place of work (jobLocation), since only a fully remote job may go without one. Only an
 * open job carries it: the job page leaves it out for a closed job, and a draft has no public page.
 */
export function jobPostingLd(job: Job, input: { locale: "ja" | "en"; orgName: string; baseUrl: string }): Record<string, unknown> {
  const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const prefecture = job.location ? PREFECTURES.find((p) => p.code === job.location?.prefectureCode) : undefined;
  return {
    "@context": "https://schema.org/",
    "@type": "JobPosting",
    title: job.title[input.locale],
    description: job.description[input.locale].map((p) => `<p>${escapeHtml(p)}</p>`).join(""),
    identifier: { "@type": "PropertyValue", name: input.orgName, value: job.id },
    datePosted: job.datePosted.toISOString(),
    validThrough: job.validThrough.toISOString(),
    employmentType: job.employmentType,
    hiringOrganization: { "@type": "Organization", name: input.orgName, sameAs: input.baseUrl },
    ...(job.remote === "remote"
      ? { jobLocationType: "TELECOMMUTE", applicantLocationRequirements: { "@type": "Country", name: job.countryCode === "JP" ? "Japan" : job.countryCode } }
      : {}),
    ...(job.remote !== "remote" && job.location && prefecture
      ? {
          jobLocation: {
            "@type": "Place",
            address: {
              "@type": "PostalAddress",
              addressLocality: job.location.locality[input.locale],
              addressRegion: prefecture[input.locale],
              addressCountry: job.countryCode,
            },
          },
        }
      : {}),
    ...(job.pay
      ? {
          baseSalary: {
            "@type": "MonetaryAmount",
            currency: job.pay.currency,
            value: { "@type": "QuantitativeValue", minValue: job.pay.minValue, maxValue: job.pay.maxValue, unitText: job.pay.unitText },
          },
        }
      : {}),
    directApply: true,
    url: `${input.baseUrl}/jobs/${job.id}`,
  };
}

/** JSON for a <script> block: `<` escaped so the text can never close the element. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
