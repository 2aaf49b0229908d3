import { withFolderLock } from "../../src/app/folderLock.js";

/** Holds the lock of the folder given until killed: another process changing those articles meanwhile. */
const [dataDir] = process.argv.slice(2);
await withFolderLock(dataDir!, async () => {
  process.stdout.write("held\n");
  // A timer keeps the process alive: with nothing left to run, a top-level await that never settles
  // ends the process at once (exit 13), and the lock would be held by a process already gone.
  await new Promise(() => setInterval(() => {}, 60_000));
});
