// `npm run keys:rotate`: re-seals every stored record holding personal data under the first DATA_KEYS
// key (SQLite in one transaction, Redis by SCAN); afterwards older keys can be dropped from DATA_KEYS.
import { loadConfig } from "../src/config/index.js";
import { rotateStoredRecords } from "../src/storage/encrypted/rotate-run.js";
import { run } from "./lib/setup.js";

run(async () => {
  const config = loadConfig();
  const { backend, keyId, report } = await rotateStoredRecords({
    configured: config.dataKeys,
    attachmentsKey: config.attachmentsKey,
    dataDir: config.dataDir,
    redisUrl: config.redisUrl,
    redisKeyPrefix: config.redisKeyPrefix,
  });
  console.log(`backend ${backend}, current key "${keyId}"`);
  for (const [kind, count] of Object.entries(report.resealed))
    console.log(`  ${kind.padEnd(10)} ${count} resealed`);
  console.log(`  skipped    ${report.skipped} (damaged, or written by a turn meanwhile)`);
  const unreadable = Object.entries(report.unreadable);
  if (unreadable.length === 0) {
    console.log("Xong: mọi bản ghi đã dùng khóa hiện tại. / Done: every record uses the current key.");
    return;
  }
  for (const [id, count] of unreadable)
    console.error(`  ${count} record(s) sealed with key "${id}" could not be opened (left unchanged)`);
  console.error(
    "Giữ lại khóa cũ trong DATA_KEYS cho tới khi mở được các bản ghi này. / Keep the old key in DATA_KEYS until these open.",
  );
  process.exitCode = 1;
});
