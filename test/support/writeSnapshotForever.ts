// Child process for the crash test: saves large snapshots over and over until it is killed.
import { buildLibrary } from "../../src/library/build.js";
import { saveSnapshot } from "../../src/store/snapshot.js";

const dataDir = process.argv[2]!;
const text = Array.from({ length: 4_000 }, (_, i) => `Clerk ${i} said the ledger for ward ${i % 50} was closed on day ${i}.`).join("\n");
const library = buildLibrary([{ id: "big", text, file: "big.txt", metadata: null }]);
process.stdout.write("ready\n");
for (;;) await saveSnapshot(dataDir, { library, fingerprint: "other", builtAt: new Date().toISOString() });
