// Redis confirmed forms: the form as JSON under its own key plus a set of form ids per
// conversation. Both expire (forms hold personal data); every save restarts the ttl.
import type { ConfirmedForm, FormStore } from "../../core/ports.js";
import { parseForm, present } from "../records.js";
import type { RedisClient } from "./client.js";
import type { RedisKeys } from "./keys.js";
import { DELETE_FORMS } from "./scripts.js";

/** Confirmed forms in Redis, listed by conversation in the order they were confirmed. */
export function createRedisFormStore(client: RedisClient, keys: RedisKeys, ttlSeconds: number): FormStore {
  const get = async (id: string): Promise<ConfirmedForm | null> => parseForm(await client.get(keys.form(id)));

  return {
    async save(form) {
      const set = keys.forms(form.conversationId);
      await client
        .multi()
        .set(keys.form(form.id), JSON.stringify(form), { expiration: { type: "EX", value: ttlSeconds } })
        .sAdd(set, form.id)
        .expire(set, ttlSeconds)
        .exec();
    },
    get,
    async listFor(conversationId) {
      const ids = await client.sMembers(keys.forms(conversationId));
      const forms = present(await Promise.all(ids.map(get)));
      return forms
        .filter((f) => f.conversationId === conversationId)
        .sort((a, b) => a.confirmedAt - b.confirmedAt || a.id.localeCompare(b.id));
    },
    async deleteConversation(conversationId) {
      await client.eval(DELETE_FORMS, { keys: [keys.forms(conversationId)], arguments: [keys.formPrefix] });
    },
    async moveConversation(from, to) {
      if (from === to) return;
      const ids = await client.sMembers(keys.forms(from));
      const forms = present(await Promise.all(ids.map(get))).filter((f) => f.conversationId === from);
      // One transaction: the forms are rewritten under `to` and `from` forgets them together.
      const tx = client.multi();
      for (const form of forms) {
        const moved = JSON.stringify({ ...form, conversationId: to });
        tx.set(keys.form(form.id), moved, { expiration: { type: "EX", value: ttlSeconds } });
        tx.sAdd(keys.forms(to), form.id);
      }
      if (forms.length > 0) tx.expire(keys.forms(to), ttlSeconds);
      await tx.del(keys.forms(from)).exec();
    },
  };
}
