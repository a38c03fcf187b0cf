// npm run staff:hash -- <username>: reads a staff password (hidden prompt, or stdin when piped) and
// prints the STAFF_ACCOUNTS entry "username:scrypt$N$r$p$salt$hash". The password is never echoed.
import { hashPassword } from "../src/http/staff-password.js";

const MIN_LENGTH = 10;
const USERNAME = /^[\p{L}\p{N}._-]{1,64}$/u;

/** Reads one line from a terminal without echoing it (Enter ends, Backspace edits, Ctrl-C aborts). */
function promptHidden(question: string): Promise<string> {
  const input = process.stdin;
  process.stderr.write(question);
  return new Promise((resolve, reject) => {
    let value = "";
    const done = (err: Error | null): void => {
      input.setRawMode(false);
      input.pause();
      input.off("data", onData);
      process.stderr.write("\n");
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: Buffer): void => {
      for (const ch of chunk.toString("utf8")) {
        if (ch === "\r" || ch === "\n") return done(null);
        if (ch === "\u0003") return done(new Error("Đã hủy. / Cancelled."));
        if (ch === "\u007f" || ch === "\b") value = [...value].slice(0, -1).join("");
        else if (ch >= " ") value += ch;
      }
    };
    input.setRawMode(true);
    input.resume();
    input.on("data", onData);
  });
}

/** The first line of piped stdin (e.g. `printf '%s' "$PASS" | npm run staff:hash -- anna`). */
async function readPiped(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return (Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "").trimEnd();
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readPiped();
  const first = await promptHidden("Mật khẩu / password: ");
  const again = await promptHidden("Nhập lại / again: ");
  if (first !== again) throw new Error("Hai lần nhập không khớp. / The two entries differ.");
  return first;
}

async function main(): Promise<void> {
  const username = (process.argv[2] ?? "").normalize("NFC");
  if (username && !USERNAME.test(username))
    throw new Error("Tên đăng nhập chỉ gồm chữ, số, dấu chấm, gạch ngang, gạch dưới (tối đa 64 ký tự).");
  const password = await readPassword();
  if ([...password].length < MIN_LENGTH)
    throw new Error(`Mật khẩu cần ít nhất ${MIN_LENGTH} ký tự. / At least ${MIN_LENGTH} characters.`);
  const hash = await hashPassword(password);
  process.stdout.write(`${username ? `${username}:` : ""}${hash}\n`);
  process.stderr.write(
    "Thêm dòng trên vào STAFF_ACCOUNTS (nhiều tài khoản cách nhau bằng dấu phẩy); trong shell đặt trong dấu nháy đơn vì có ký tự $.\n",
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
