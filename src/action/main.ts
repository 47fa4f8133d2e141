// The action's entry (dist/index.js, run by the runner on node24): run the
// action; a failure becomes the step's error annotation and exit code.
import { reportFailure } from "./failure.js";
import { run } from "./run.js";

const controller = new AbortController();
const stop = (): void => controller.abort();
process.once("SIGINT", stop);
process.once("SIGTERM", stop);

run({ signal: controller.signal }).catch((error: unknown) => reportFailure(error));
