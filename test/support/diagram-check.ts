/**
 * Checks that a BPMN file's diagram is drawn readably: every element has its shape or edge, every edge starts
 * and ends on the border of its source and target (events and gateways at the middle of a side, where their
 * circle or diamond touches the box), no edge crosses a shape it does not connect, shapes and labels do not
 * overlap, and each flow node sits inside its lane.
 */
import type { ModdleElement } from "bpmn-moddle";
import { is } from "../../engine/model/bpmn.ts";
import { parseBpmn } from "../../engine/model/index.ts";

/** A box in diagram coordinates. */
interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

type Point = { x: number; y: number };
type Shapes = Map<ModdleElement, Box>;

/** The problems found in a BPMN file's diagram, one sentence each (empty when it is drawn well). */
export async function diagramIssues(xml: string): Promise<string[]> {
  const parsed = await parseBpmn(xml);
  if (!parsed.ok) return parsed.issues.map((issue) => issue.message);
  const plane = parsed.definitions.diagrams?.[0]?.plane as ModdleElement | undefined;
  if (!plane) return ["The file has no diagram."];
  const shapes: Shapes = new Map();
  const labels: Shapes = new Map();
  const edges = new Map<ModdleElement, Point[]>();
  for (const di of (plane.planeElement ?? []) as ModdleElement[]) {
    const element = di.bpmnElement as ModdleElement;
    if (di.$type === "bpmndi:BPMNShape") shapes.set(element, di.bounds as Box);
    if (di.$type === "bpmndi:BPMNEdge") edges.set(element, (di.waypoint as Point[]).map(({ x, y }) => ({ x, y })));
    if (di.label?.bounds) labels.set(element, di.label.bounds as Box);
  }
  const elements = Object.values(parsed.elementsById) as ModdleElement[];
  const nodes = elements.filter((e) => is(e, "bpmn:FlowNode"));
  const flows = elements.filter((e) => is(e, "bpmn:SequenceFlow"));
  const issues: string[] = [];
  for (const element of [...nodes, ...elements.filter((e) => is(e, "bpmn:Lane") || is(e, "bpmn:Participant"))]) {
    if (!shapes.has(element)) issues.push(`${element.id} has no shape.`);
  }
  for (const flow of flows) {
    const points = edges.get(flow);
    if (!points) {
      issues.push(`${flow.id} has no edge.`);
      continue;
    }
    issues.push(...edgeIssues(flow, points, shapes, nodes));
  }
  issues.push(...overlapIssues(nodes, shapes, labels));
  issues.push(...laneIssues(elements.filter((e) => is(e, "bpmn:Lane")), shapes));
  return issues;
}

function edgeIssues(flow: ModdleElement, points: Point[], shapes: Shapes, nodes: ModdleElement[]): string[] {
  const issues: string[] = [];
  const ends: [string, ModdleElement, Point][] = [
    ["starts", flow.sourceRef, points[0]!],
    ["ends", flow.targetRef, points.at(-1)!],
  ];
  for (const [verb, node, point] of ends) {
    const box = shapes.get(node);
    if (box && !onBorder(node, box, point)) issues.push(`${flow.id} ${verb} at (${point.x}, ${point.y}), not on the border of ${node.id}.`);
  }
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1]!, points[i]!];
    if (a.x !== b.x && a.y !== b.y) issues.push(`${flow.id} has a slanted segment (${a.x}, ${a.y}) → (${b.x}, ${b.y}).`);
    for (const node of nodes) {
      const box = shapes.get(node);
      if (!box || node === flow.sourceRef || node === flow.targetRef) continue;
      if (segmentCrosses(a, b, box)) issues.push(`${flow.id} crosses ${node.id}.`);
    }
  }
  return issues;
}

/** On the box's border; for events and gateways only at the middle of a side. */
function onBorder(node: ModdleElement, box: Box, p: Point): boolean {
  const [left, right, top, bottom] = [box.x, box.x + box.width, box.y, box.y + box.height];
  const inside = p.x >= left && p.x <= right && p.y >= top && p.y <= bottom;
  const edge = p.x === left || p.x === right || p.y === top || p.y === bottom;
  if (!inside || !edge) return false;
  if (!is(node, "bpmn:Event") && !is(node, "bpmn:Gateway")) return true;
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  return ((p.x === left || p.x === right) && p.y === cy) || ((p.y === top || p.y === bottom) && p.x === cx);
}

/** True when an axis-aligned segment passes through the inside of a box. */
function segmentCrosses(a: Point, b: Point, box: Box): boolean {
  const [x1, x2, y1, y2] = [Math.min(a.x, b.x), Math.max(a.x, b.x), Math.min(a.y, b.y), Math.max(a.y, b.y)];
  return x2 > box.x && x1 < box.x + box.width && y2 > box.y && y1 < box.y + box.height;
}

function overlapIssues(nodes: ModdleElement[], shapes: Shapes, labels: Shapes): string[] {
  const drawn: [string, Box][] = [
    ...nodes.flatMap((node) => (shapes.has(node) ? [[String(node.id), shapes.get(node)!] as [string, Box]] : [])),
    ...[...labels].map(([element, box]) => [`the label of ${element.id}`, box] as [string, Box]),
  ];
  const issues: string[] = [];
  for (let i = 0; i < drawn.length; i++) {
    for (let j = i + 1; j < drawn.length; j++) {
      if (overlaps(drawn[i]![1], drawn[j]![1])) issues.push(`${drawn[i]![0]} overlaps ${drawn[j]![0]}.`);
    }
  }
  return issues;
}

function laneIssues(lanes: ModdleElement[], shapes: Shapes): string[] {
  const issues: string[] = [];
  for (const lane of lanes) {
    const area = shapes.get(lane);
    if (!area) continue;
    for (const node of (lane.flowNodeRef ?? []) as ModdleElement[]) {
      const box = shapes.get(node);
      if (box && !contains(area, box)) issues.push(`${node.id} is drawn outside its lane ${lane.id}.`);
    }
  }
  return issues;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function contains(outer: Box, inner: Box): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}
