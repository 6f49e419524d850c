import type { ComponentChildren } from "preact";
import type { AssessmentStep, ItemBank, Page, PairItem, SituationItem, SurveyPage } from "../../../modules/assessment/bank/index.ts";
import { publicItemView } from "../../../modules/assessment/bank/index.ts";
import { CsrfField, PageHeading } from "../../html/fields.tsx";
import { Layout } from "../layout.tsx";
import type { MessageKey } from "../messages.ts";
import { usePage } from "../page.ts";

type Frame = {
  base: string;
  step: number;
  total: number;
  autoAdvance: boolean;
  notice: MessageKey | null;
  error: MessageKey | null;
  title: string;
  progress: string | null;
  children: ComponentChildren;
};

/** Every assessment page: progress, 戻る, notices, the page, and ヘルプ with the auto-advance switch. */
function PlayerFrame(props: Frame) {
  const { t, helpEmail } = usePage();
  return (
    <Layout title={`${props.title} | ${t("assessment.title")}`}>
      <div class="player">
        <div class="player__bar">
          {props.step > 0 ? (
            <a class="back-link" href={`${props.base}/${props.step}`}>
              ← {t("assessment.back")}
            </a>
          ) : (
            <span />
          )}
          <progress class="player__progress" max={props.total} value={props.step + 1} aria-label={t("assessment.progress.label")} />
        </div>
        {props.progress ? (
          <h1 class="player__count" data-page-heading tabIndex={-1}>
            {props.progress}
          </h1>
        ) : null}
        {props.notice ? (
          <div class="notice" role="status">
            {t(props.notice)}
          </div>
        ) : null}
        {props.error ? (
          <div class="error-summary" role="alert" tabIndex={-1} autofocus data-error-summary>
            <p>{t(props.error)}</p>
          </div>
        ) : null}
        {props.children}
        <details class="player__help" id="help">
          <summary>{t("assessment.help")}</summary>
          <p>{t(props.autoAdvance ? "assessment.help.autoAdvanceOn" : "assessment.help.autoAdvanceOff")}</p>
          <form method="post" action={`${props.base}/settings`}>
            <CsrfField />
            <input type="hidden" name="autoAdvance" value={props.autoAdvance ? "off" : "on"} />
            <input type="hidden" name="step" value={String(props.step + 1)} />
            <button type="submit" class="button button--secondary">
              {t(props.autoAdvance ? "assessment.help.turnOff" : "assessment.help.turnOn")}
            </button>
          </form>
          <p>{t("assessment.help.saved")}</p>
          <p>{t("assessment.help.contact", { email: helpEmail })}</p>
        </details>
      </div>
    </Layout>
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

function Audio({ src, transcript, maxPlays, itemId }: { src: string; transcript: string; maxPlays?: number | undefined; itemId: string | null }) {
  const { t } = usePage();
  return (
    <div class="audio" data-audio data-item={itemId ?? ""} data-max-plays={maxPlays ? String(maxPlays) : undefined}>
      {/* biome-ignore lint/a11y/useMediaCaption: audio-only content; the transcript below is its text alternative (WCAG 1.2.1) */}
      <audio controls preload="metadata" src={src}>
        {t("assessment.audio.unsupported")}
      </audio>
      {maxPlays ? <p class="field__hint">{t("assessment.audio.plays", { max: maxPlays })}</p> : null}
      <details class="transcript" data-transcript>
        <summary>{t("assessment.audio.transcript")}</summary>
        <p>{transcript}</p>
      </details>
    </div>
  );
}

type StepProps = { frame: Omit<Frame, "children" | "title" | "progress">; bank: ItemBank; step: AssessmentStep; mediaBase: string };

/** One step of the assessment, whatever its kind. */
export function StepPage(props: StepProps & { answer: string | null; version: number }) {
  const { t, locale } = usePage();
  const { step, frame } = props;
  const action = `${frame.base}/${frame.step + 1}`;
  if (step.kind === "page" || step.kind === "audio-check") {
    const page = step.page;
    return (
      <PlayerFrame {...frame} title={page.title[locale]} progress={null}>
        <PageHeading>{page.title[locale]}</PageHeading>
        <Blocks page={page} />
        {step.kind === "audio-check" ? (
          <Audio src={`${props.mediaBase}/${step.page.media.src}`} transcript={step.page.media.transcript[locale]} itemId={null} />
        ) : null}
        <form method="post" action={action} class="form">
          <CsrfField />
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
  return (
    <PlayerFrame {...frame} title={progress} progress={progress}>
      <form method="post" action={action} class="form item" data-item-form data-auto-advance={frame.autoAdvance ? "on" : "off"} novalidate>
        <CsrfField />
        <input type="hidden" name="v" value={String(props.version)} />
        {step.item.exercise === "situations" ? (
          <SituationFields item={step.item} answer={props.answer} mediaBase={props.mediaBase} />
        ) : (
          <PairFields item={step.item} answer={props.answer} bank={props.bank} />
        )}
        <button type="submit" class="button button--primary" data-next>
          {t("assessment.next")}
        </button>
      </form>
    </PlayerFrame>
  );
}

function SituationFields({ item, answer, mediaBase }: { item: SituationItem; answer: string | null; mediaBase: string }) {
  const { locale } = usePage();
  const view = publicItemView(item, locale);
  if (view.exercise !== "situations") return null;
  return (
    <>
      <p class="scenario">{view.scenario}</p>
      {view.media ? <Audio src={`${mediaBase}/${view.media.src}`} transcript={view.media.transcript} maxPlays={view.media.maxPlays} itemId={item.id} /> : null}
      <fieldset class="field">
        <legend class="field__label">
          <span class="question">{view.question}</span>
        </legend>
        <div class="radios choice-list">
          {view.options.map((o) => (
            <div class="radio choice" key={o.id}>
              <input type="radio" id={`a-${o.id}`} name="answer" value={o.id} checked={answer === o.id} />
              <label for={`a-${o.id}`}>{o.label}</label>
            </div>
          ))}
        </div>
      </fieldset>
    </>
  );
}

function PairFields({ item, answer, bank }: { item: PairItem; answer: string | null; bank: ItemBank }) {
  const { t, locale } = usePage();
  const view = publicItemView(item, locale);
  if (view.exercise !== "workstyle") return null;
  const [left, right] = view.statements;
  const points = bank.scales.pairPoints;
  return (
    <fieldset class="field pair">
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
                checked={answer === String(p.point)}
                aria-describedby={`s-${item.id}-${side}`}
              />
              <label for={id}>
                {p.label[locale]}
                <span class="visually-hidden"> ({t(side === "left" ? "assessment.pair.left" : "assessment.pair.right")})</span>
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

function SurveyStep(props: StepProps & { page: SurveyPage; action: string }) {
  const { t, locale } = usePage();
  const scale = props.bank.scales.agreement;
  return (
    <PlayerFrame {...props.frame} title={props.page.title[locale]} progress={null}>
      <PageHeading>{props.page.title[locale]}</PageHeading>
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
