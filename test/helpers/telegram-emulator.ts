// Re-export of the local Telegram Bot API emulation, which lives in scripts/lib so benchmarks can
// use it without importing test code. Tests keep importing it from here.
export * from "../../scripts/lib/telegram-emulator.js";
