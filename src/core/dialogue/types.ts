// Types shared by the dialogue flows: what was understood of a message, the context a step may
// read, the effects it asks the assistant to perform, and reply plans (template keys + params).
import type { DocumentType, IntentName, KnowledgeBase, Procedure } from "../knowledge/index.js";
import type { ReplyLink } from "../messages.js";
import type { AnalyzedText } from "../nlu/index.js";
import type { ConfirmedForm, RetrievalResult, StatusAnswer } from "../ports.js";
import type { ConversationState } from "./state.js";
import type { TemplateParam } from "../replies/templates.js";

/** Papers mentioned in a message: held, explicitly lacking, or just named. Document ids. */
export interface DocumentMentions {
  readonly have: readonly string[];
  readonly lack: readonly string[];
  readonly named: readonly string[];
}

/** Everything the assistant understood of one message before the dialogue step. */
export interface Understanding {
  readonly text: string;
  readonly analyzed: AnalyzedText;
  readonly intents: ReadonlySet<IntentName>;
  /** Language of this message when clear. */
  readonly lang: "vi" | "en" | null;
  /** Option chosen by button, bare number or the option's words. */
  readonly optionId: string | null;
  /** A list of numbers ("1 3 5") when the message is only that. */
  readonly numbers: readonly number[] | null;
  readonly documents: DocumentMentions;
  readonly dossierCodes: readonly string[];
  /** Procedures the text names outright (a name or alias, not inside a paper's name). */
  readonly procedures: readonly string[];
  readonly injection: boolean;
  /** Retrieval of the message (null when not needed for this turn). */
  readonly retrieval: RetrievalResult | null;
  /** Result of a dossier lookup when the message carried a code. */
  readonly status: StatusAnswer | null;
  /** Dossiers created from this conversation (for "hồ sơ của tôi"). */
  readonly myDossiers: readonly string[] | null;
}

/** What a step may read besides the state: knowledge, time, id generation. */
export interface DialogueContext {
  readonly kb: KnowledgeBase;
  readonly procedures: ReadonlyMap<string, Procedure>;
  readonly documents: ReadonlyMap<string, DocumentType>;
  readonly conversationId: string;
  readonly channel: string;
  readonly now: number;
  /** A fresh unique id (forms, tickets). */
  newId(): string;
}

/** Side effects the assistant performs after the step, in order. */
export type Effect =
  | { readonly kind: "save-form"; readonly form: ConfirmedForm }
  /** Send the confirmed form to the portal; the outcome is answered by `submissionPlans`. */
  | { readonly kind: "submit-dossier"; readonly form: ConfirmedForm }
  | {
      readonly kind: "open-handoff";
      readonly reason: string;
      readonly procedure: string | null;
      readonly summary: string;
    }
  | { readonly kind: "transcript"; readonly text: string }
  | { readonly kind: "erase" };

/** One sentence of a reply: a template key with parameters, or literal text from the knowledge base. */
export type Line =
  | { readonly key: string; readonly params?: Readonly<Record<string, TemplateParam>> }
  | { readonly raw: string };

/** An option: the label comes from a template key or is literal (a procedure or paper name). */
export interface OptionPlan {
  readonly id: string;
  readonly label: Line;
}

/** One bubble to render. `phrase` asks the optional language model to reword it from its own text. */
export interface ReplyPlan {
  readonly lines: readonly Line[];
  readonly options?: readonly OptionPlan[];
  readonly links?: readonly ReplyLink[];
  readonly phrase?: { readonly question: string };
}

export interface StepResult {
  readonly state: ConversationState;
  readonly replies: readonly ReplyPlan[];
  readonly effects: readonly Effect[];
}

/** Shorthands used by the flows. */
export const say = (key: string, params?: Record<string, TemplateParam>): Line =>
  params ? { key, params } : { key };
export const raw = (text: string): Line => ({ raw: text });
export const option = (id: string, key: string): OptionPlan => ({ id, label: say(key) });
export const rawOption = (id: string, text: string): OptionPlan => ({ id, label: raw(text) });
