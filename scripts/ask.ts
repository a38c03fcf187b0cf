// `npm run ask -- "câu hỏi"`: one turn with the assistant, printed as plain text (options numbered).
// Without a question: an interactive chat in the terminal (type "thoát" or Ctrl+D to leave).
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline/promises";
import { createApp } from "../src/app/create-app.js";
import { createLogger } from "../src/app/logger.js";
import { loadConfig } from "../src/config/index.js";
import { plainText } from "../src/core/replies/index.js";
import { run } from "./lib/setup.js";

run(async () => {
  const config = loadConfig();
  const app = await createApp(config, createLogger("silent"));
  const conversationId = `cli:${randomUUID()}`;
  const say = async (text: string): Promise<void> => {
    const replies = await app.assistant.handleTurn({
      conversationId,
      channel: "cli",
      text,
      receivedAt: Date.now(),
    });
    console.log(replies.map(plainText).join("\n\n"));
  };
  const question = process.argv.slice(2).join(" ").trim();
  try {
    if (question) {
      await say(question);
      return;
    }
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    await say("xin chào");
    for (;;) {
      let line: string;
      try {
        line = (await rl.question("\n> ")).trim();
      } catch {
        break; // Ctrl+D
      }
      if (["thoát", "thoat", "exit", "quit"].includes(line.toLowerCase())) break;
      if (line) await say(line);
    }
    rl.close();
  } finally {
    await app.stores.conversations.delete(conversationId);
    await app.close();
  }
});
