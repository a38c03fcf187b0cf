// What the load benchmark's simulated citizens say and how each channel carries it: the
// conversation script per user, the user → channel mix and the webhook bodies Telegram and Zalo post.

/** The three ways a citizen reaches motcua in the load benchmark. */
export type LoadChannel = "web" | "telegram" | "zalo";

export const LOAD_CHANNELS: readonly LoadChannel[] = ["web", "telegram", "zalo"];

/** The first questions of the simulated citizens (bench-chat draws from them too). */
export const LOAD_QUESTIONS: readonly string[] = [
  "làm giấy khai sinh cho con cần gì",
  "lam can cuoc cho con 14 tuoi o dau",
  "đổi bằng lái xe hết hạn",
  "dang ky tam tru cho nguoi thue tro",
  "xin giấy xác nhận độc thân để kết hôn",
  "sổ đỏ lần đầu cần giấy tờ gì",
  "rut bhxh 1 lan",
  "làm hộ chiếu lần đầu",
  "đăng ký hộ kinh doanh quán cà phê",
  "xin lý lịch tư pháp số 1",
];

/** One user's conversation: greeting, a question, follow-ups, a checklist answer, a form started then cancelled. */
function script(question: string): string[] {
  return [
    "xin chào",
    question,
    "lệ phí bao nhiêu?",
    "mất mấy ngày",
    "nộp ở đâu",
    "tui có căn cước rồi",
    "điền tờ khai",
    "đồng ý",
    "hủy",
    "bắt đầu lại",
  ];
}

/** The text of user `user`'s `k`-th message (deterministic, so runs are comparable). */
export function messageText(user: number, k: number): string {
  const steps = script(LOAD_QUESTIONS[user % LOAD_QUESTIONS.length] ?? "khai sinh");
  return steps[k % steps.length] ?? "xin chào";
}

/** Users are spread evenly over the channels. */
export function channelOf(user: number): LoadChannel {
  return LOAD_CHANNELS[user % LOAD_CHANNELS.length] ?? "web";
}

/** The chat id a channel knows the user by (Telegram: numeric; Zalo: a digit string; web: session id). */
export function chatIdOf(run: string, user: number): string {
  switch (channelOf(user)) {
    case "telegram":
      return String(7_000_000 + user);
    case "zalo":
      return String(9_000_000_000 + user);
    case "web":
      return `load-${run}-${user}`;
  }
}

/** A Telegram private text message update as the Bot API posts it to the webhook. */
export function telegramUpdate(updateId: number, chatId: string, text: string): Record<string, unknown> {
  const id = Number(chatId);
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id, type: "private" },
      from: { id, is_bot: false, first_name: "Khách" },
      text,
    },
  };
}

/** A Zalo Bot Platform text message update as posted to the webhook. */
export function zaloUpdate(messageId: string, chatId: string, text: string): Record<string, unknown> {
  return {
    event_name: "message.text.received",
    message: {
      message_id: messageId,
      date: Date.now(),
      from: { id: chatId, display_name: "Khách", is_bot: false },
      chat: { id: chatId, chat_type: "PRIVATE" },
      text,
    },
  };
}
