import { readFileSync } from "node:fs";
import { compileRoute } from "./compile.ts";
const r = await compileRoute(readFileSync("definitions/routes/order-fulfilment.bpmn", "utf8"));
console.log(r.ok, JSON.stringify(r.issues, null, 1));
console.log(JSON.stringify(r.route?.nodes["Task_pick_item"], null, 1), JSON.stringify(r.route?.roles), Object.keys(r.route?.nodes ?? {}).length, JSON.stringify(r.route?.processes));
console.log(JSON.stringify(r.route).length);
