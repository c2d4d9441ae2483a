#!/usr/bin/env node
// The `order-routes` command: registers tsx so that Node 20 runs the TypeScript sources, then hands over to the CLI.
import { register } from "tsx/esm/api";

register();
const { run } = await import(new URL("../engine/cli.ts", import.meta.url).href);
await run();
