import { withFolderLock } from "../../src/app/folderLock.js";

/** Holds the lock of the folder given until killed: another process changing those articles meanwhile. */
const [dataDir] = process.argv.slice(2);
await withFolderLock(dataDir!, async () => {
  process.stdout.write("held\n");
  await new Promise(() => {});
});
