// The outbox as the assistant sees it: replies for Telegram and Zalo conversations (staff answers,
// status notifications) are pushed to the user's chat; web conversations keep them for the page.
import type { Outbox } from "../../core/ports.js";
import type { PushDispatcher } from "./dispatcher.js";

/** Wraps the stored outbox so push-channel conversations are delivered instead of stored. */
export function routeOutbox(stored: Outbox, dispatcher: PushDispatcher): Outbox {
  return {
    async push(conversationId, replies) {
      if (!(await dispatcher.dispatch(conversationId, replies))) await stored.push(conversationId, replies);
    },
    drain: (conversationId) => stored.drain(conversationId),
    deleteConversation: (conversationId) => stored.deleteConversation(conversationId),
  };
}
