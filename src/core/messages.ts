// The canonical message model every channel translates to and from. Replies are text with optional
// numbered options (buttons where a channel has them), links and files; all have a text fallback.

/** Where a conversation happens; a conversation id is unique per channel user ("web:…"). */
export type ChannelName = "web" | "telegram" | "zalo" | "cli";

/** One message from a citizen (or a button press) after the channel translated it. */
export interface InboundMessage {
  readonly conversationId: string;
  readonly channel: ChannelName;
  /** What the user typed; "" for a pure button press or an unsupported message. */
  readonly text: string;
  /** Id of the option the user pressed, when the channel has buttons. */
  readonly optionId?: string;
  /** Epoch milliseconds when the channel received it. */
  readonly receivedAt: number;
  /** A photo or file the user sent (the channel downloaded it, or refused when too large). */
  readonly attachment?: InboundAttachment;
  /** Set by the channel when the sender is a one-stop officer listed in the configuration. */
  readonly fromStaff?: boolean;
}

/** Largest photo or file a channel downloads; bigger ones arrive with `bytes: null`. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** A photo or file from the user. Kept in memory only; never logged. */
export interface InboundAttachment {
  /** The content; null when the channel did not download it (over MAX_ATTACHMENT_BYTES or failed). */
  readonly bytes: Uint8Array | null;
  /** MIME type as the platform declared it (not trusted: the content is sniffed). */
  readonly mime?: string;
  readonly name?: string;
  /** Size in bytes as the platform declared it. */
  readonly size?: number;
}

/** A choice offered to the user: a button, or a numbered line in text-only channels. */
export interface ReplyOption {
  readonly id: string;
  readonly label: string;
}

export interface ReplyLink {
  readonly url: string;
  readonly label: string;
}

/** A file the channel can send or link (receipts, printable checklists). */
export interface ReplyFile {
  readonly name: string;
  readonly mime: string;
  /** Path on our HTTP server (e.g. /files/…) or absolute URL. */
  readonly url: string;
}

/** One chat bubble. `text` is always complete on its own (options also appear as text where needed). */
export interface Reply {
  readonly text: string;
  readonly options?: readonly ReplyOption[];
  readonly links?: readonly ReplyLink[];
  readonly files?: readonly ReplyFile[];
  /**
   * A signal for the channel, not shown: "data-erased" means the user's data was just erased, so a
   * channel keeping a local copy (the web page's transcript) must drop it too.
   */
  readonly control?: "data-erased";
}

/** Longest bubble we send; channels with stricter limits split further. */
export const MAX_BUBBLE_CHARS = 1000;

/**
 * Longest message text the assistant reads (Telegram's own limit; the web and Zalo cap lower). Longer
 * texts (a CLI paste, a direct caller) are cut: understanding a 1 MB text would block every user.
 */
export const MAX_MESSAGE_CHARS = 4096;

/**
 * Seen-log key a push channel (Zalo) sets once it told the conversation it talks to an automated
 * assistant; erasing the conversation forgets it, so the notice is shown again afterwards.
 */
export const automatedNoticeKey = (conversationId: string): string => `notice:${conversationId}`;

/** Seen-log key set while a push chat over its rate limit has been told so (erased with the conversation). */
export const rateNoticeKey = (conversationId: string): string => `rate-notice:${conversationId}`;
