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
  /** Hash: one handoff ticket (EX ttl). */
  ticket(ticketId: string): string;
  /** List: the ticket's transcript lines as JSON (EX ttl). */
  transcript(ticketId: string): string;
  /** Form JSON (EX ttl). */
  form(formId: string): string;
  /** Dossier link JSON, by dossier code (EX ttl). */
  dossier(code: string): string;
  /** Sorted set: open ticket ids scored by createdAt; members of expired tickets are pruned lazily. */
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
    ticket: (id) => ticketPrefix + id,
    transcript: (id) => transcriptPrefix + id,
    form: (id) => formPrefix + id,
    dossier: (code) => dossierPrefix + code,
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
