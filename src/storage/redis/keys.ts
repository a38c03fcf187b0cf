// Key layout of the Redis stores. Per-conversation keys share "conv:<id>:" and end in distinct
// suffixes (none is a suffix of another), so two conversation ids can never map to one key.

/** Every key name the Redis stores use, under one prefix (default "motcua:"). */
export interface RedisKeys {
  /** String: the conversation state as JSON (EX ttl). */
  state(conversationId: string): string;
  /** String: lock token (PX lockTtlMs). */
  lock(conversationId: string): string;
  /** String: id of the conversation's open ticket (EX ttl). */
  openTicket(conversationId: string): string;
  /** Set: ids of every ticket of the conversation, open or closed (EX ttl). */
  tickets(conversationId: string): string;
  /** Set: ids of the conversation's confirmed forms (EX ttl). */
  forms(conversationId: string): string;
  /** Set: codes of the conversation's dossiers (EX ttl). */
  dossiers(conversationId: string): string;
  /** List: replies waiting for the conversation, as JSON (EX ttl). */
  outbox(conversationId: string): string;
  /** List: a push chat's waiting turns ("in") or replies ("out"), as {seq, body} JSON (EX ttl). */
  mailbox(conversationId: string, box: "in" | "out"): string;
  /** Integer: the last mailbox item number handed out (shared, never reset). */
  readonly mailboxSeq: string;
  /** Hash: one handoff ticket (EX ttl). */
  ticket(ticketId: string): string;
  /** List: the ticket's transcript lines as JSON (EX ttl). */
  transcript(ticketId: string): string;
  /** Form JSON (EX ttl). */
  form(formId: string): string;
  /** Dossier link JSON, by dossier code (EX ttl). */
  dossier(code: string): string;
  /** String: the conversation id a resume code was issued for (EX the code's lifetime). */
  resumeCode(code: string): string;
  /** String: the conversation's live resume code (EX the code's lifetime). */
  resumeOf(conversationId: string): string;
  /** Integer: wrong resume codes typed in the conversation (EX the counting window). */
  resumeFailures(conversationId: string): string;
  /** Prefix that Lua scripts complete with a resume code. */
  readonly resumeCodePrefix: string;
  /** String "1": a key seen recently (SET NX EX). */
  seen(key: string): string;
  /** Set: the conversation's question-log events as JSON, to erase them with it (EX retention). */
  questions(conversationId: string): string;
  /** String: a staff console session as JSON, by the sha256 of its id (PX until it expires). */
  staffSession(idHash: string): string;
  /** Sorted set: every question-log event as JSON scored by its time (EX retention; old ones pruned). */
  readonly questionLog: string;
  /** String: one approved answer as JSON (PX until its expiresAt). */
  approvedAnswer(id: string): string;
  /** Sorted set: approved answer ids scored by expiresAt (PX of the longest-lived; stale ids pruned). */
  readonly approvedAnswers: string;
  /** String: a random token replaced on every approved-answer write (PX as long as the index). */
  readonly approvedAnswersVersion: string;
  /** Hash: one sealed (encrypted) attachment, binary, with its metadata (EX ttl). */
  attachment(id: string): string;
  /** Set: ids of the conversation's attachments (EX ttl). */
  attachments(conversationId: string): string;
  /** Prefix that Lua scripts complete with an attachment id. */
  readonly attachmentPrefix: string;
  /** Sorted set: open ticket ids scored by their hash's expiry (ms); pruned on reads, PX of the last. */
  readonly openTickets: string;
  /** Sorted set: every dossier code scored by createdAt; members of expired links are pruned lazily. */
  readonly recentDossiers: string;
  /** Prefixes that Lua scripts complete with a ticket or form id, or a dossier code. */
  readonly ticketPrefix: string;
  readonly transcriptPrefix: string;
  readonly formPrefix: string;
  readonly dossierPrefix: string;
  /** Lua scripts build a conversation's dossier set as convPrefix .. id .. dossiersSuffix. */
  readonly convPrefix: string;
  readonly dossiersSuffix: string;
}

/** Builds the key layout for a prefix. */
export function redisKeys(prefix: string): RedisKeys {
  const convPrefix = `${prefix}conv:`;
  const conv = (id: string, suffix: string): string => `${convPrefix}${id}:${suffix}`;
  const ticketPrefix = `${prefix}handoff:`;
  const transcriptPrefix = `${prefix}transcript:`;
  const formPrefix = `${prefix}form:`;
  const dossierPrefix = `${prefix}dossier:`;
  return {
    state: (id) => conv(id, "state"),
    lock: (id) => conv(id, "lock"),
    openTicket: (id) => conv(id, "open-handoff"),
    tickets: (id) => conv(id, "handoffs"),
    forms: (id) => conv(id, "forms"),
    dossiers: (id) => conv(id, "dossiers"),
    outbox: (id) => conv(id, "outbox"),
    mailbox: (id, box) => conv(id, `mailbox:${box}`),
    mailboxSeq: `${prefix}mailbox-seq`,
    ticket: (id) => ticketPrefix + id,
    transcript: (id) => transcriptPrefix + id,
    form: (id) => formPrefix + id,
    dossier: (code) => dossierPrefix + code,
    resumeCode: (code) => `${prefix}resume:${code}`,
    resumeOf: (id) => conv(id, "resume-code"),
    resumeFailures: (id) => conv(id, "resume-failures"),
    resumeCodePrefix: `${prefix}resume:`,
    seen: (key) => `${prefix}seen:${key}`,
    questions: (id) => conv(id, "questions"),
    staffSession: (idHash) => `${prefix}staff-session:${idHash}`,
    questionLog: `${prefix}question-log`,
    approvedAnswer: (id) => `${prefix}approved-answer:${id}`,
    approvedAnswers: `${prefix}approved-answers`,
    approvedAnswersVersion: `${prefix}approved-answers-version`,
    attachment: (id) => `${prefix}attachment:${id}`,
    attachments: (id) => conv(id, "attachments"),
    attachmentPrefix: `${prefix}attachment:`,
    openTickets: `${prefix}open-handoffs`,
    recentDossiers: `${prefix}recent-dossiers`,
    ticketPrefix,
    transcriptPrefix,
    formPrefix,
    dossierPrefix,
    convPrefix,
    dossiersSuffix: ":dossiers",
  };
}
