// Encryption at rest as a wrapper over any backend's stores: personal data is sealed before it reaches
// SQLite or Redis and opened on the way back. A value no key opens reads like a damaged record.
import type {
  ConversationStore,
  DossierLink,
  DossierStore,
  FormStore,
  HandoffStore,
  Mailbox,
  Outbox,
  Stores,
} from "../../core/ports.js";
import { UnreadableRecordError, type RecordCipher } from "./cipher.js";
import { codecs, type RecordCodec, type RecordKind } from "./records.js";

/** Told about every record that could not be opened (kind and key id only: never content or ids). */
export type UnreadableHandler = (kind: RecordKind, error: UnreadableRecordError) => void;

/** Opens `value` or reports it and returns null (unexpected errors still propagate). */
function opener(cipher: RecordCipher, onUnreadable: UnreadableHandler) {
  return <T>(kind: RecordKind, codec: RecordCodec<T>, value: T, id: string): T | null => {
    try {
      return codec.open(value, id, cipher);
    } catch (err) {
      if (!(err instanceof UnreadableRecordError)) throw err;
      onUnreadable(kind, err);
      return null;
    }
  };
}

type Open = ReturnType<typeof opener>;
const kept = <T>(values: readonly (T | null)[]): T[] => values.filter((v): v is T => v !== null);

function conversations(inner: ConversationStore, c: RecordCipher, open: Open): ConversationStore {
  return {
    ...inner,
    load: async (id) => {
      const state = await inner.load(id);
      return state ? open("state", codecs.state, state, id) : null;
    },
    save: (id, state) => inner.save(id, codecs.state.seal(state, id, c)),
  };
}

function forms(inner: FormStore, c: RecordCipher, open: Open): FormStore {
  return {
    ...inner,
    save: (form) => inner.save(codecs.form.seal(form, form.id, c)),
    get: async (id) => {
      const form = await inner.get(id);
      return form ? open("form", codecs.form, form, form.id) : null;
    },
    listFor: async (id) => kept((await inner.listFor(id)).map((f) => open("form", codecs.form, f, f.id))),
  };
}

function handoffs(inner: HandoffStore, c: RecordCipher, open: Open): HandoffStore {
  return {
    ...inner,
    appendTranscript: (ticketId, line) =>
      inner.appendTranscript(ticketId, codecs.transcript.seal(line, ticketId, c)),
    transcript: async (ticketId) =>
      kept((await inner.transcript(ticketId)).map((l) => open("transcript", codecs.transcript, l, ticketId))),
  };
}

function outbox(inner: Outbox, c: RecordCipher, open: Open): Outbox {
  return {
    ...inner,
    push: (id, replies) =>
      inner.push(
        id,
        replies.map((r) => codecs.outbox.seal(r, id, c)),
      ),
    drain: async (id) => kept((await inner.drain(id)).map((r) => open("outbox", codecs.outbox, r, id))),
  };
}

function mailbox(inner: Mailbox, c: RecordCipher, open: Open): Mailbox {
  return {
    ...inner,
    append: (box, id, body) => inner.append(box, id, codecs.mailbox.seal({ body }, id, c).body),
    async head(box, id) {
      for (;;) {
        const item = await inner.head(box, id);
        if (!item) return null;
        const opened = open("mailbox", codecs.mailbox, { body: item.body }, id);
        if (opened) return { seq: item.seq, body: opened.body };
        await inner.remove(box, id, item.seq); // no key opens it: it would block the chat forever
      }
    },
  };
}

function dossiers(inner: DossierStore, c: RecordCipher, open: Open): DossierStore {
  const opened = (links: DossierLink[]): DossierLink[] =>
    kept(links.map((l) => open("dossier", codecs.dossier, l, l.code)));
  return {
    ...inner,
    link: (link) => inner.link(codecs.dossier.seal(link, link.code, c)),
    linksFor: async (id) => opened(await inner.linksFor(id)),
    byCode: async (code) => {
      const link = await inner.byCode(code);
      return link ? open("dossier", codecs.dossier, link, link.code) : null;
    },
    recent: async (limit) => opened(await inner.recent(limit)),
  };
}

/**
 * Wraps `stores` so conversation states, confirmed forms, handoff transcripts, waiting replies, push
 * chats' waiting turns and replies and dossier access tokens are stored sealed (AES-256-GCM) under the cipher's current key. Everything
 * else passes through. Records written before encryption are read as they are and sealed on next write.
 */
export function encryptStores(stores: Stores, cipher: RecordCipher, onUnreadable: UnreadableHandler): Stores {
  const open = opener(cipher, onUnreadable);
  // Spread first: stores added later (and the lock, logs, sessions…) pass through unchanged.
  return {
    ...stores,
    conversations: conversations(stores.conversations, cipher, open),
    handoffs: handoffs(stores.handoffs, cipher, open),
    forms: forms(stores.forms, cipher, open),
    outbox: outbox(stores.outbox, cipher, open),
    mailbox: mailbox(stores.mailbox, cipher, open),
    dossiers: dossiers(stores.dossiers, cipher, open),
  };
}
