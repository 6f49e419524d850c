import type { ComponentChildren } from "preact";
import type { AssessmentStep, ItemBank, Page, PairItem, SituationItem, SurveyPage } from "../../../modules/assessment/bank/index.ts";
import { publicItemView } from "../../../modules/assessment/bank/index.ts";
import type { SituationPicks } from "../../../modules/assessment/scoring/index.ts";
import { CsrfField, PageHeading } from "../../html/fields.tsx";
import { formatDate } from "../jobs/views.tsx";
import { Layout } from "../layout.tsx";
import type { MessageKey } from "../messages.ts";
import { usePage } from "../page.ts";
import { PurposeNote } from "../privacy/purpose-note.tsx";

/** A refusal on an item page: the message, and the answer groups it is about. */
export type ItemError = { key: MessageKey; groups: ("best" | "worst" | "answer" | "autoAdvance")[] };

export type FrameSettings = {
  base: string;
  /** 0-based index of this step. */
  step: number;
  total: number;
  autoAdvance: boolean;
  showTranscripts: boolean;
  notice: MessageKey | null;
  error: ItemError | null;
};

type Frame = FrameSettings & { title: string; heading: ComponentChildren | null; children: ComponentChildren };

/** Every assessment page: 「← 戻る」, the progress bar with 「n / N」 and the assessment's own ヘルプ, then notices and the page. */
function PlayerFrame(props: Frame) {
  const { t } = usePage();
  return (
    <Layout title={`${props.title} | ${t("assessment.title")}`}>
      <div class="player">
        <div class="player__bar">
          {props.step > 0 ? (
            <a class="back-link" href={`${props.base}/${props.step}`}>
              ← {t("assessment.back")}
            </a>
          ) : (
            <span class="player__spacer" />
          )}
          <div class="player__position">
            <progress class="player__progress" max={props.total} value={props.step + 1} aria-hidden="true" />
            <span class="player__count">
              <span class="visually-hidden">{t("assessment.progress.label")} </span>
              {props.step + 1} / {props.total}
            </span>
          </div>
          <HelpMenu {...props} />
        </div>
        {props.heading}
        {props.notice ? (
          <div class="notice" role="status">
            {t(props.notice)}
          </div>
        ) : null}
        {props.error ? (
          <div class="error-summary" role="alert" tabIndex={-1} autofocus data-error-summary>
            <p>{t(props.error.key)}</p>
          </div>
        ) : null}
        {props.children}
      </div>
    </Layout>
  );
}

/** The assessment's ヘルプ, top right of the player: auto-advance, audio as text, going back, saving, contact. */
function HelpMenu(props: FrameSettings) {
  const { t, helpEmail } = usePage();
  const settings = (change: { autoAdvance: boolean; showTranscripts: boolean }, label: MessageKey) => (
    <form method="post" action={`${props.base}/settings`}>
      <CsrfField />
      <input type="hidden" name="autoAdvance" value={change.autoAdvance ? "on" : "off"} />
      <input type="hidden" name="transcripts" value={change.showTranscripts ? "on" : "off"} />
      <input type="hidden" name="step" value={String(props.step + 1)} />
      <button type="submit" class="button button--secondary">
        {t(label)}
      </button>
    </form>
  );
  return (
    <details class="player__help" id="help">
      <summary class="player__help-toggle">
        {t("assessment.help")}
        <span class="visually-hidden">{t("assessment.help.name")}</span>
      </summary>
      <div class="player__help-panel">
        <h2>{t("assessment.help.autoAdvance")}</h2>
        <p>{t(props.autoAdvance ? "assessment.help.autoAdvanceOn" : "assessment.help.autoAdvanceOff")}</p>
        {settings(
          { autoAdvance: !props.autoAdvance, showTranscripts: props.showTranscripts },
          props.autoAdvance ? "assessment.help.turnOff" : "assessment.help.turnOn",
        )}
        <h2>{t("assessment.help.transcripts")}</h2>
        <p>{t(props.showTranscripts ? "assessment.help.transcriptsOn" : "assessment.help.transcriptsOff")}</p>
        <p>{t("assessment.help.transcripts.fair")}</p>
        {settings(
          { autoAdvance: props.autoAdvance, showTranscripts: !props.showTranscripts },
          props.showTranscripts ? "assessment.help.transcripts.turnOff" : "assessment.help.transcripts.turnOn",
        )}
        <p>{t("assessment.help.back")}</p>
        <p>{t("assessment.help.saved")}</p>
        <p>{t("assessment.help.contact", { email: helpEmail })}</p>
        <p>
          <a href="/help">{t("assessment.help.faq")}</a>
        </p>
      </div>
    </details>
  );
}

function Blocks({ page }: { page: Page }) {
  const { locale } = usePage();
  return (
    <>
      {page.body.map((block, i) => {
        if (block.type === "heading") return <h2 key={i}>{block.text[locale]}</h2>;
        if (block.type === "paragraph") return <p key={i}>{block.text[locale]}</p>;
        const items = block.items.map((item, j) => (
          <li key={j}>
            {item.term ? <strong>{item.term[locale]}: </strong> : null}
            {item.text[locale]}
          </li>
        ));
        return block.style === "numbered" ? <ol key={i}>{items}</ol> : <ul key={i}>{items}</ul>;
      })}
    </>
  );
}

type AudioProps = {
  src: string;
  transcript: string;
  itemId: string | null;
  maxPlays?: number | undefined;
  /** Plays the server has counted so far. */
  plays?: number;
  transcriptOpen: boolean;
};

/**
 * A clip with its transcript. With a play limit, the page says how many plays are left, and once the
 * server has counted them all the clip is no longer offered; the script asks the server before each play.
 */
function Audio(props: AudioProps) {
  const { t } = usePage();
  const max = props.maxPlays;
  const left = max === undefined ? null : Math.max(0, max - (props.plays ?? 0));
  const usedUp = max !== undefined && left === 0;
  return (
    <div
      class="audio"
      data-audio
      data-item={props.itemId ?? ""}
      data-max-plays={max ? String(max) : undefined}
      data-plays={String(props.plays ?? 0)}
      data-plays-left={max ? t("assessment.audio.plays", { max, left: "{left}" }) : undefined}
      data-plays-used={max ? t("assessment.audio.playsUsed", { max }) : undefined}
    >
      {usedUp ? (
        <p class="callout">{t("assessment.audio.playsUsed", { max: max ?? 0 })}</p>
      ) : (
        // biome-ignore lint/a11y/useMediaCaption: audio-only content; the transcript below is its text alternative (WCAG 1.2.1)
        <audio controls preload="metadata" src={props.src}>
          {t("assessment.audio.unsupported")}
        </audio>
      )}
      {max !== undefined && !usedUp ? (
        <p class="field__hint" data-plays-note>
          {t("assessment.audio.plays", { max, left: left ?? 0 })}
        </p>
      ) : null}
      <p class="audio__status" aria-live="polite" data-audio-status />
      <details class="transcript" data-transcript open={props.transcriptOpen}>
        <summary>{t("assessment.audio.transcript")}</summary>
        <p>{props.transcript}</p>
      </details>
    </div>
  );
}

type StepProps = {
  frame: FrameSettings;
  bank: ItemBank;
  step: AssessmentStep;
  /** The attempt's seed: options in the attempt's order. */
  seed: number;
  mediaBase: string;
  /** Pages left in the application after the assessment (e-signature, final questions, review). */
  pagesAfter: number;
};

/** What an item page shows of the candidate's stored state. */
export type ItemState = {
  /** The stored answer as the page shows it: a situation's picks, or a pair's point. */
  picks: SituationPicks | null;
  point: string | null;
  version: number;
  plays: number;
  /** The signed time of showing (shown-token.ts), carried back by every save. */
  shown: string;
  /** The attempt's id, carried back by every save: with the signed time it lets the save be one statement. */
  attempt: string;
};

/** One step of the assessment, whatever its kind. */
export function StepPage(props: StepProps & { item: ItemState | null; autoAdvanceChoice: boolean | null }) {
  const { t, locale } = usePage();
  const { step, frame, bank } = props;
  const action = `${frame.base}/${frame.step + 1}`;
  if (step.kind === "page" || step.kind === "audio-check") {
    const page = step.page;
    const isAutoAdvance = page.id === bank.pages.autoAdvance.id;
    const isCompletion = page.id === bank.pages.completion.id;
    return (
      <PlayerFrame {...frame} title={page.title[locale]} heading={<PageHeading>{page.title[locale]}</PageHeading>}>
        {isCompletion ? <NotYetApplied pagesAfter={props.pagesAfter} /> : null}
        <Blocks page={page} />
        {step.kind === "audio-check" ? (
          <Audio
            src={`${props.mediaBase}/${step.page.media.src}`}
            transcript={step.page.media.transcript[locale]}
            itemId={null}
            transcriptOpen={frame.showTranscripts}
          />
        ) : null}
        <form method="post" action={action} class="form" novalidate>
          <CsrfField />
          {isAutoAdvance ? <AutoAdvanceChoice chosen={props.autoAdvanceChoice} error={frame.error} /> : null}
          <button type="submit" class="button button--primary">
            {page.continueLabel[locale]}
          </button>
        </form>
      </PlayerFrame>
    );
  }
  if (step.kind === "survey") return <SurveyStep {...props} page={step.page} action={action} />;
  const exercise = step.item.exercise === "situations" ? t("assessment.exercise.situations") : t("assessment.exercise.workstyle");
  const progress = t("assessment.progress", { exercise, n: step.number, total: step.total });
  const state: ItemState = props.item ?? { picks: null, point: null, version: 0, plays: 0, shown: "", attempt: "" };
  const complete = step.item.exercise === "situations" ? state.picks?.best != null && state.picks?.worst != null : state.point !== null;
  return (
    <PlayerFrame
      {...frame}
      title={progress}
      heading={
        <h1 class="player__heading" data-page-heading tabIndex={-1}>
          {progress}
        </h1>
      }
    >
      <form
        method="post"
        action={action}
        class="form item"
        data-item-form
        data-item={step.item.id}
        data-auto-advance={frame.autoAdvance ? "on" : "off"}
        data-answered={complete ? "yes" : "no"}
        novalidate
      >
        <CsrfField />
        <input type="hidden" name="v" value={String(state.version)} />
        <input type="hidden" name="shown" value={state.shown} />
        <input type="hidden" name="attempt" value={state.attempt} />
        {step.item.exercise === "situations" ? (
          <SituationFields {...props} item={step.item} state={state} />
        ) : (
          <PairFields item={step.item} point={state.point} bank={bank} error={frame.error} />
        )}
        <button type="submit" class="button button--primary" data-next>
          {t("assessment.next")}
        </button>
      </form>
    </PlayerFrame>
  );
}

/** The last pages of the assessment say what is still to do: the application is not sent yet. */
function NotYetApplied({ pagesAfter }: { pagesAfter: number }) {
  const { t } = usePage();
  return (
    <div class="callout callout--warning">
      <p>
        <strong>{t("assessment.completion.notYet", { pages: pagesAfter })}</strong>
      </p>
      <p>{t("assessment.completion.remaining")}</p>
    </div>
  );
}

/** The explicit choice on the auto-advance page: touch screen readers cannot be detected, so the candidate says. */
function AutoAdvanceChoice({ chosen, error }: { chosen: boolean | null; error: ItemError | null }) {
  const { t } = usePage();
  const invalid = error?.groups.includes("autoAdvance") ?? false;
  const option = (value: "on" | "off") => (
    <div class="radio radio--hinted" key={value}>
      <input
        type="radio"
        id={`f-autoAdvance-${value}`}
        name="autoAdvance"
        value={value}
        checked={chosen === (value === "on")}
        aria-describedby={`f-autoAdvance-${value}-hint`}
        aria-invalid={invalid ? "true" : undefined}
      />
      <div>
        <label for={`f-autoAdvance-${value}`}>{t(value === "on" ? "assessment.autoAdvance.on" : "assessment.autoAdvance.off")}</label>
        <p class="field__hint" id={`f-autoAdvance-${value}-hint`}>
          {t(value === "on" ? "assessment.autoAdvance.on.hint" : "assessment.autoAdvance.off.hint")}
        </p>
      </div>
    </div>
  );
  return (
    <fieldset class={invalid ? "field field--error" : "field"}>
      <legend class="field__label">
        {t("assessment.autoAdvance.legend")} <span class="mark mark--required">{t("layout.required")}</span>
      </legend>
      <div class="radios">
        {option("on")}
        {option("off")}
      </div>
      {invalid ? <p class="field__error">{t("assessment.autoAdvance.required")}</p> : null}
    </fieldset>
  );
}

function SituationFields(props: StepProps & { item: SituationItem; state: ItemState }) {
  const { t, locale } = usePage();
  const { item, state, frame, bank } = props;
  const view = publicItemView(item, locale, { seed: props.seed });
  if (view.exercise !== "situations") return null;
  const group = (name: "best" | "worst") => {
    const chosen = state.picks?.[name] ?? null;
    const invalid = frame.error?.groups.includes(name) ?? false;
    return (
      <fieldset class={`field picks picks--${name}${invalid ? " field--error" : ""}`} aria-describedby={`q-${item.id}`}>
        <legend class="field__label picks__legend">
          <span class="picks__mark" aria-hidden="true">
            {name === "best" ? "◎" : "✕"}
          </span>
          {bank.situationPicks[name][locale]}
        </legend>
        <div class="choice-list">
          {view.options.map((o) => (
            <label class="choice" key={o.id} for={`${name}-${o.id}`}>
              <input type="radio" id={`${name}-${o.id}`} name={name} value={o.id} checked={chosen === o.id} aria-invalid={invalid ? "true" : undefined} />
              <span>{o.label}</span>
            </label>
          ))}
        </div>
        {invalid && frame.error ? <p class="field__error">{t(frame.error.key)}</p> : null}
      </fieldset>
    );
  };
  return (
    <>
      <p class="scenario">{view.scenario}</p>
      {view.media ? (
        <Audio
          src={`${props.mediaBase}/${view.media.src}`}
          transcript={view.media.transcript}
          maxPlays={view.media.maxPlays}
          plays={state.plays}
          itemId={item.id}
          transcriptOpen={frame.showTranscripts}
        />
      ) : null}
      <p class="question" id={`q-${item.id}`}>
        {view.question}
      </p>
      <div
        data-picks
        data-note={t("assessment.picks.cleared", { pick: "{pick}" })}
        data-best={bank.situationPicks.best[locale]}
        data-worst={bank.situationPicks.worst[locale]}
      >
        {group("best")}
        {group("worst")}
        <p class="picks__note" aria-live="polite" data-pick-note />
      </div>
    </>
  );
}

function PairFields({ item, point, bank, error }: { item: PairItem; point: string | null; bank: ItemBank; error: ItemError | null }) {
  const { t, locale } = usePage();
  const view = publicItemView(item, locale);
  if (view.exercise !== "workstyle") return null;
  const [left, right] = view.statements;
  const points = bank.scales.pairPoints;
  const invalid = error?.groups.includes("answer") ?? false;
  return (
    <fieldset class={invalid ? "field pair field--error" : "field pair"}>
      <legend class="field__label">
        <span class="question">{bank.pairPrompt[locale]}</span>
      </legend>
      <div class="pair__statements">
        <p class="pair__statement" id={`s-${item.id}-left`}>
          <span class="visually-hidden">{t("assessment.pair.left")}: </span>
          {left.text}
        </p>
        <p class="pair__statement" id={`s-${item.id}-right`}>
          <span class="visually-hidden">{t("assessment.pair.right")}: </span>
          {right.text}
        </p>
      </div>
      <div class="pair__scale">
        {points.map((p) => {
          const side = p.point < 0 ? "left" : "right";
          const id = `a-${item.id}-${p.point}`;
          return (
            <div class={`pair__point pair__point--${side}`} key={p.point}>
              <input
                type="radio"
                id={id}
                name="answer"
                value={String(p.point)}
                checked={point === String(p.point)}
                aria-describedby={`s-${item.id}-${side}`}
                aria-invalid={invalid ? "true" : undefined}
              />
              <label for={id}>
                {p.label[locale]}
                <span class="visually-hidden"> ({t(side === "left" ? "assessment.pair.left" : "assessment.pair.right")})</span>
              </label>
            </div>
          );
        })}
      </div>
      {invalid && error ? <p class="field__error">{t(error.key)}</p> : null}
    </fieldset>
  );
}

function SurveyStep(props: StepProps & { page: SurveyPage; action: string }) {
  const { t, locale } = usePage();
  const scale = props.bank.scales.agreement;
  return (
    <PlayerFrame {...props.frame} title={props.page.title[locale]} heading={<PageHeading>{props.page.title[locale]}</PageHeading>}>
      <NotYetApplied pagesAfter={props.pagesAfter} />
      <Blocks page={props.page} />
      <form method="post" action={props.action} class="form">
        <CsrfField />
        {props.page.questions.map((q) => (
          <fieldset class="field" key={q.id}>
            <legend class="field__label">
              {q.text[locale]} <span class="mark">{t("layout.optional")}</span>
            </legend>
            <div class="radios">
              {scale.map((s) => (
                <div class="radio" key={s.value}>
                  <input type="radio" id={`q-${q.id}-${s.value}`} name={q.id} value={String(s.value)} />
                  <label for={`q-${q.id}-${s.value}`}>{s.label[locale]}</label>
                </div>
              ))}
            </div>
          </fieldset>
        ))}
        <button type="submit" class="button button--primary">
          {props.page.continueLabel[locale]}
        </button>
      </form>
    </PlayerFrame>
  );
}

/** The assessment's first page, before any attempt exists: what is ahead, and 「ここから始める」. */
export function StartPage(props: { action: string; minutes: number; continuing: boolean; olderVersionTakenAt: Date | null }) {
  const { t, locale } = usePage();
  return (
    <Layout title={t("assessment.title")}>
      <PageHeading>{t("assessment.title")}</PageHeading>
      {props.olderVersionTakenAt ? <p class="callout">{t("assessment.start.newVersion", { date: formatDate(props.olderVersionTakenAt, locale) })}</p> : null}
      {props.continuing ? <p class="callout">{t("assessment.start.continuing")}</p> : null}
      <p>{t("assessment.start.lead", { minutes: props.minutes })}</p>
      <p>{t("assessment.start.saved")}</p>
      <PurposeNote text={t("privacy.purpose.assessment")} section="assessment" />
      <p>{t("assessment.start.next")}</p>
      <form method="post" action={props.action} class="form">
        <CsrfField />
        <button type="submit" class="button button--primary">
          {t("assessment.start.button")}
        </button>
      </form>
    </Layout>
  );
}

/** A recent result of the same bank version stands for this application: said plainly, then on to the e-signature. */
export function ReusePage(props: { action: string; takenAt: Date; validUntil: Date }) {
  const { t, locale } = usePage();
  return (
    <Layout title={t("assessment.reuse.title")}>
      <PageHeading>{t("assessment.reuse.title")}</PageHeading>
      <p>{t("assessment.reuse.body", { date: formatDate(props.takenAt, locale) })}</p>
      <p>{t("assessment.reuse.validUntil", { date: formatDate(props.validUntil, locale) })}</p>
      <form method="post" action={props.action} class="form">
        <CsrfField />
        <button type="submit" class="button button--primary">
          {t("assessment.reuse.button")}
        </button>
      </form>
    </Layout>
  );
}
