// Worker threads start from this plain module: it registers tsx's loader, then imports the
// TypeScript worker named in workerData.module (Citebot runs from its TypeScript sources).
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.module);
