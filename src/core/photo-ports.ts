// Ports for photos of documents: the inspector that judges a photo, and the encrypted attachment
// store and vault that keep a photo only when the citizen asks to attach it.
/** Image formats accepted for the photo check (sniffed from the content, never the declared type). */
export type PhotoFormat = "jpeg" | "png" | "webp" | "heic";

/** Something that makes a document photo hard to read, each answered with concrete advice. */
export type PhotoProblem =
  /** The short side is too small for the text to be read. */
  | "low-resolution"
  /** Out of focus or shaken. */
  | "blurry"
  /** Taken in poor light: even the paper is dark. */
  | "dark"
  /** A blown-out white patch (lamp or flash reflected on the card). */
  | "glare"
  /** The text lines run top to bottom as the photo is shown (turned sideways). */
  | "sideways"
  /** Almost no detail: no text or document in view. */
  | "blank";

/** The photo check's answer about one image. Pure data: no bytes, nothing about the person. */
export type PhotoVerdict =
  | {
      readonly kind: "checked";
      readonly format: PhotoFormat;
      /** Size as displayed (after the EXIF orientation). */
      readonly width: number;
      readonly height: number;
      /** Empty when the photo is clear and readable. */
      readonly problems: readonly PhotoProblem[];
    }
  /** Too small to check at all (a thumbnail or icon). */
  | { readonly kind: "too-small"; readonly width: number; readonly height: number }
  /** Over the size limit: the file's bytes, or its pixel count. */
  | { readonly kind: "too-large"; readonly limit: "bytes" | "pixels" }
  /** Not an accepted image; `format` names what it seems to be (e.g. "pdf", "gif") when known. */
  | { readonly kind: "unsupported"; readonly format: string | null }
  /** A HEIC photo this server cannot decode (its image library has no HEVC decoder). */
  | { readonly kind: "heic-unreadable" }
  /** An accepted format whose content is damaged or truncated. */
  | { readonly kind: "unreadable"; readonly format: PhotoFormat };

/** Checks a photo of a document in memory (nothing written to disk, the bytes are not kept). */
export interface PhotoInspector {
  /** Formats this inspector can decode (HEIC only when its image library has an HEVC decoder). */
  readonly formats: readonly PhotoFormat[];
  inspect(bytes: Uint8Array): Promise<PhotoVerdict>;
}

/** What is known of an attached photo without opening it. */
export interface AttachmentInfo {
  readonly id: string;
  readonly conversationId: string;
  readonly mime: string;
  readonly createdAt: number;
  /** Size of the sealed bytes. */
  readonly size: number;
}

/** A photo the citizen asked to attach to their dossier, sealed (encrypted) before it is stored. */
export interface StoredAttachment extends AttachmentInfo {
  /** Key id, IV, authentication tag and ciphertext: the stores never see the photo itself. */
  readonly sealed: Uint8Array;
}

/** Sealed attachments by conversation; they expire like the conversation's other records. */
export interface AttachmentStore {
  /** Stores (or replaces, by id) an attachment. */
  put(attachment: StoredAttachment): Promise<void>;
  get(id: string): Promise<StoredAttachment | null>;
  /** The conversation's attachments, oldest first (without their bytes). */
  listFor(conversationId: string): Promise<AttachmentInfo[]>;
  deleteConversation(conversationId: string): Promise<void>;
  /** Moves every attachment of `from` to `to` (a conversation continued on another channel). */
  moveConversation(from: string, to: string): Promise<void>;
}

/** Encrypts photos (AES-256-GCM) into the attachment store; disabled when no key is available. */
export interface AttachmentVault {
  /** False when attaching is off (Redis without a shared ATTACHMENTS_KEY). */
  readonly enabled: boolean;
  /** Seals and stores a photo for the conversation; returns its id. */
  attach(
    conversationId: string,
    photo: { readonly bytes: Uint8Array; readonly mime: string },
  ): Promise<string>;
  /** How many photos the conversation has attached. */
  count(conversationId: string): Promise<number>;
}
