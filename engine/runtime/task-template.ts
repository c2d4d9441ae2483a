import Handlebars from "handlebars";
import type { TaskTemplate } from "../core/route.ts";
import type { TaskChecklist } from "../store/index.ts";

/** What a task says, rendered once at creation and stored with the task (its timing: see task-timing.ts). */
export interface RenderedTask {
  title: string;
  description: string | null;
  /** The template's checklist, nothing ticked yet (null when it has none). */
  checklist: TaskChecklist | null;
}

/** Renders a task template (Handlebars title and description over the deal data and the task's context). */
export function renderTask(template: TaskTemplate | undefined, fallbackTitle: string, values: Record<string, unknown>): RenderedTask {
  const title = render(template?.title, values)?.trim() || fallbackTitle;
  const items = template?.checklist ?? [];
  return {
    title: title.slice(0, 500),
    description: render(template?.description, values) ?? null,
    checklist: items.length ? items.map((item) => ({ id: item.id, label: item.label, required: item.required, done: false })) : null,
  };
}

const compiled = new Map<string, HandlebarsTemplateDelegate>();

function render(source: string | undefined, values: Record<string, unknown>): string | undefined {
  if (!source) return undefined;
  let template = compiled.get(source);
  if (!template) {
    template = Handlebars.compile(source, { noEscape: true, strict: false });
    compiled.set(source, template);
  }
  try {
    return template(values);
  } catch {
    return source;
  }
}
