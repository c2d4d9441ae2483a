import { BpmnModdle } from "bpmn-moddle";
import orDescriptor from "../../definitions/order-routes.moddle.json" with { type: "json" };

/** The `or:` moddle descriptor (definitions/order-routes.moddle.json), for bpmn-js and bpmn-moddle alike. */
export const orderRoutesDescriptor = orDescriptor;

/** A bpmn-moddle instance that knows our `or:` extension namespace. */
export function createModdle(): BpmnModdle {
  return new BpmnModdle({ or: orDescriptor });
}
