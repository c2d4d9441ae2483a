import Handlebars from "handlebars";
import { addDuration, parseDuration } from "../core/timers/duration.ts";
import type { TaskTemplate } from "../core/route.ts";

/** What a task says and when it is due, rendered once at creation and stored with the task. */
export interface RenderedTask {
  title: string;
  description: string | null;
  dueAt: Date | null;
  visibleFrom: Date | null;
}

/** Renders a task template (Handlebars title and description over the deal data and the task's context). */
export function renderTask(template: TaskTemplate | undefined, fallbackTitle: string, values: Record<string, unknown>, now: Date): RenderedTask {
  const title = render(template?.title, values)?.trim() || fallbackTitle;
  return {
    title: title.slice(0, 500),
    description: render(template?.description, values) ?? null,
    dueAt: afterDuration(template?.deadline, now),
    visibleFrom: afterDuration(template?.deferral, now),
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

/** An ISO 8601 duration after `now`; FEEL deadlines and slots are left to the staff-work issue. */
function afterDuration(text: string | undefined, now: Date): Date | null {
  const duration = text && !text.startsWith("=") ? parseDuration(text) : undefined;
  return duration ? addDuration(now, duration) : null;
}
