// A turn about a photo, taken before the dialogue step: check the photo and advise, and attach it
// (sealed by the vault) only when the citizen asked — in the caption or with "/dinhkem" just before.
import type { ConversationState } from "../dialogue/state.js";
import { say, type ReplyPlan } from "../dialogue/types.js";
import type { InboundMessage } from "../messages.js";
import type { AttachmentVault, EventLog, PhotoInspector, PhotoVerdict } from "../ports.js";
import { adviceLines, isGood } from "./advice.js";
import { asksToAttach, isAttachCommand } from "./requests.js";

/** Most photos one conversation may attach (each up to MAX_ATTACHMENT_BYTES). */
export const MAX_ATTACHMENTS = 10;

/** What the photo turn needs: the photo check and the sealed attachment vault. */
export interface PhotoDeps {
  readonly inspector: PhotoInspector;
  readonly vault: AttachmentVault;
  readonly log: EventLog;
}

/** The new state and the replies of a photo turn; `outcome` is for the log (no personal data). */
export interface PhotoTurn {
  readonly state: ConversationState;
  readonly plans: ReplyPlan[];
  readonly outcome: string;
}

type AttachResult = { readonly plan: ReplyPlan; readonly retry: boolean; readonly outcome: string };

const plan = (...keys: Parameters<typeof say>[]): ReplyPlan => ({ lines: keys.map((k) => say(...k)) });

/** Attaches a good photo; otherwise says why it was not kept (`retry`: the next photo is attached). */
async function attach(deps: PhotoDeps, msg: InboundMessage, v: PhotoVerdict): Promise<AttachResult> {
  if (!deps.vault.enabled)
    return { plan: plan(["photo.attach.disabled"]), retry: false, outcome: "attach-off" };
  if (v.kind !== "checked" || !isGood(v) || !msg.attachment?.bytes)
    return { plan: plan(["photo.attach.retake"]), retry: true, outcome: "attach-retake" };
  try {
    const held = await deps.vault.count(msg.conversationId);
    if (held >= MAX_ATTACHMENTS)
      return {
        plan: plan(["photo.attach.full", { max: MAX_ATTACHMENTS }]),
        retry: false,
        outcome: "attach-full",
      };
    await deps.vault.attach(msg.conversationId, { bytes: msg.attachment.bytes, mime: mimeOf(v.format) });
    const count = { count: held + 1, max: MAX_ATTACHMENTS };
    return { plan: plan(["photo.attach.saved", count]), retry: false, outcome: "attached" };
  } catch (err) {
    deps.log.error("photo.attach.failed", { error: err instanceof Error ? err.name : "unknown" });
    return { plan: plan(["photo.attach.failed"]), retry: false, outcome: "attach-failed" };
  }
}

function mimeOf(format: "jpeg" | "png" | "webp" | "heic"): string {
  return `image/${format}`;
}

/** A command without a photo: the next photo will be attached (or attaching is off). */
function announce(deps: PhotoDeps, state: ConversationState): PhotoTurn {
  if (!deps.vault.enabled)
    return {
      state: { ...state, pending: null },
      plans: [plan(["photo.attach.disabled"])],
      outcome: "attach-off",
    };
  return {
    state: { ...state, pending: { kind: "photo-attach" } },
    plans: [plan(["photo.attach.ready"])],
    outcome: "attach-ready",
  };
}

/**
 * Handles the turn when it is about photos: a message with a photo, or the attach command. Null
 * when it is not (the dialogue step runs), and for the command while an officer has the conversation.
 */
export async function photoTurn(
  deps: PhotoDeps,
  state: ConversationState,
  msg: InboundMessage,
  now: number,
): Promise<PhotoTurn | null> {
  const base: ConversationState = { ...state, turns: state.turns + 1, updatedAt: now };
  if (!msg.attachment) return isAttachCommand(msg.text) && !state.handoff ? announce(deps, base) : null;
  // The officer does not see photos sent here; nothing is checked or kept.
  if (state.handoff) return { state: base, plans: [plan(["photo.handoff"])], outcome: "handoff" };
  const bytes = msg.attachment.bytes;
  const verdict: PhotoVerdict = bytes
    ? await deps.inspector.inspect(bytes)
    : { kind: "too-large", limit: "bytes" };
  deps.log.info("photo.checked", {
    verdict: verdict.kind,
    problems: verdict.kind === "checked" ? verdict.problems.length : null,
  });
  const advice: ReplyPlan = { lines: adviceLines(verdict, deps.inspector.formats) };
  const waiting = state.pending?.kind === "photo-attach";
  if (!waiting && !asksToAttach(msg.text)) {
    const note = verdict.kind === "checked" ? [plan(["photo.not-kept"])] : [];
    return { state: base, plans: [advice, ...note], outcome: verdict.kind };
  }
  const result = await attach(deps, msg, verdict);
  const free = waiting || state.pending === null;
  // A photo not good enough keeps the request open, so the retake is attached (unless another
  // question is pending: that one is kept, and the citizen sends the retake with the caption).
  const pending = result.retry && free ? { kind: "photo-attach" as const } : waiting ? null : state.pending;
  return { state: { ...base, pending }, plans: [advice, result.plan], outcome: result.outcome };
}
