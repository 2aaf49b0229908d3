import { runEntryPoint } from "../entryPoint.js";
import { CLI_ENTRY_POINT, runCli } from "./run.js";

runEntryPoint(() => runCli(process.argv.slice(2), process), CLI_ENTRY_POINT);
