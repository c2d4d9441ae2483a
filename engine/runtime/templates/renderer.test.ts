import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, describe, it } from "node:test";
import { Problem } from "../../problem.ts";
import { SHIPPED_TEMPLATES_DIR, templateDirs } from "./catalogue.ts";
import { createTemplateRenderer } from "./renderer.ts";

const folders: string[] = [];

/** A template folder with the given files (path → source). */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "order-routes-templates-"));
  folders.push(dir);
  for (const [path, source] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), source);
  }
  return dir;
}

function thrown(fn: () => unknown): Problem {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof Problem, `expected a Problem, got ${String(error)}`);
    return error;
  }
  assert.fail("expected a Problem");
}

const HELLO = {
  "en/hello.sms.hbs": "Hello {{name}} & co",
  "en/hello.subject.hbs": "Hi\n  {{name}} & co\n",
  "en/hello.html.hbs": "{{#> frame}}<p>{{name}}</p>{{/frame}}",
  "en/hello.text.hbs": "Hello {{name}}\n\n\n\n{{> sign}}   \n",
  "ru/hello.sms.hbs": "Привет, {{name}}! {{money total}} {{time at}}",
  "partials/frame.hbs": "<main>{{> @partial-block}}</main>",
  "partials/sign.hbs": "-- {{team}}",
};

describe("template renderer", () => {
  after(() => {
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    delete process.env.ORDER_ROUTES_TEMPLATES_DIR;
  });

  it("should escape HTML, partials included, and leave subject, text and SMS as written", () => {
    // given
    const renderer = createTemplateRenderer([folder(HELLO)]);
    const context = { name: "<b>Ann</b>", team: "Q&A" };
    // when
    const email = renderer.render("hello", "email", "en", context);
    const sms = renderer.render("hello", "sms", "en", context);
    // then
    assert.deepEqual(email, { channel: "email", subject: "Hi <b>Ann</b> & co", html: "<main><p>&lt;b&gt;Ann&lt;/b&gt;</p></main>\n", text: "Hello <b>Ann</b>\n\n-- Q&A", locale: "en" });
    assert.deepEqual(sms, { channel: "sms", text: "Hello <b>Ann</b> & co", locale: "en" });
  });

  it("should fall back to en for an unknown locale and use a regional locale for formatting", () => {
    // given
    const renderer = createTemplateRenderer([folder(HELLO)]);
    const context = { name: "Ann", total: 1500, at: "2026-03-14T15:00:00Z" };
    // when
    const german = renderer.render("hello", "sms", "de", context);
    const russian = renderer.render("hello", "sms", "ru-RU", context, { timeZone: "Asia/Novosibirsk" });
    const noEmailInRussian = renderer.render("hello", "email", "ru", context);
    // then
    assert.equal(german.locale, "en");
    assert.equal(russian.locale, "ru");
    assert.equal(russian.text.replace(/\u00a0/g, " "), "Привет, Ann! 1 500,00 ₽ 22:00");
    assert.equal(noEmailInRussian.locale, "en");
  });

  it("should refuse an unknown template with a 404 naming it", () => {
    // given
    const renderer = createTemplateRenderer([folder(HELLO)]);
    // when
    const problem = thrown(() => renderer.render("goodbye", "sms", "en", {}));
    // then
    assert.equal(problem.status, 404);
    assert.match(problem.detail!, /"goodbye"/);
    assert.match(problem.detail!, /hello/);
  });

  it("should refuse a channel the template lacks with a 404 naming the files it needs", () => {
    // given
    const renderer = createTemplateRenderer([folder({ "en/only-sms.sms.hbs": "x" })]);
    // when
    const problem = thrown(() => renderer.render("only-sms", "email", "en", {}));
    // then
    assert.equal(problem.status, 404);
    assert.match(problem.detail!, /only-sms\.subject\.hbs, only-sms\.html\.hbs, only-sms\.text\.hbs/);
  });

  it("should refuse a template that does not compile with a 422 naming the file and the line", () => {
    // given
    const dir = folder({ "en/broken.sms.hbs": "line one\n{{#if a}}\nline three\n{{/each}}\n", "en/syntax.sms.hbs": "ok\nok\n{{name" });
    const renderer = createTemplateRenderer([dir]);
    // when
    const mismatch = thrown(() => renderer.render("broken", "sms", "en", {}));
    const syntax = thrown(() => renderer.render("syntax", "sms", "en", {}));
    // then
    assert.equal(mismatch.status, 422);
    assert.match(mismatch.detail!, new RegExp(`${dir}/en/broken\\.sms\\.hbs, line 2: if doesn't match each`));
    assert.equal(syntax.status, 422);
    assert.match(syntax.detail!, /syntax\.sms\.hbs, line 3: Parse error/);
    assert.throws(() => renderer.check(), (error) => error instanceof Problem && error.status === 422);
  });

  it("should refuse a missing partial with a 422 naming the template file", () => {
    // given
    const renderer = createTemplateRenderer([folder({ "en/lost.sms.hbs": "{{> nowhere}}" })]);
    // when
    const problem = thrown(() => renderer.render("lost", "sms", "en", {}));
    // then
    assert.equal(problem.status, 422);
    assert.match(problem.detail!, /lost\.sms\.hbs: The partial nowhere could not be found/);
  });

  it("should compile each file once", () => {
    // given
    const dir = folder({ "en/once.sms.hbs": "first {{n}}" });
    const renderer = createTemplateRenderer([dir]);
    const before = renderer.render("once", "sms", "en", { n: 1 });
    // when
    writeFileSync(join(dir, "en/once.sms.hbs"), "second {{n}}");
    const again = renderer.render("once", "sms", "en", { n: 2 });
    // then
    assert.equal(before.text, "first 1");
    assert.equal(again.text, "first 2");
  });

  it("should let a later folder replace and add templates, and list what each has", () => {
    // given
    const shipped = folder(HELLO);
    const custom = folder({ "en/hello.sms.hbs": "Yo {{name}}", "en/extra.subject.hbs": "S", "en/extra.html.hbs": "H", "ru/extra.subject.hbs": "S" });
    const renderer = createTemplateRenderer([shipped, custom]);
    // when
    const sms = renderer.render("hello", "sms", "en", { name: "Ann" });
    const list = renderer.list();
    const sources = renderer.sources("hello").sources;
    // then
    assert.equal(sms.text, "Yo Ann");
    assert.deepEqual(list, [
      { name: "extra", channels: [], locales: ["en", "ru"], missing: [] },
      { name: "hello", channels: ["email", "sms"], locales: ["en", "ru"], missing: ["ru/hello.subject.hbs", "ru/hello.html.hbs", "ru/hello.text.hbs"] },
    ]);
    assert.equal(sources.en!.sms, "Yo {{name}}");
    assert.equal(sources.ru!.sms, HELLO["ru/hello.sms.hbs"]);
  });

  it("should read ORDER_ROUTES_TEMPLATES_DIR after the shipped templates", () => {
    // given
    process.env.ORDER_ROUTES_TEMPLATES_DIR = "/srv/templates";
    // when / then
    assert.deepEqual(templateDirs(), [SHIPPED_TEMPLATES_DIR, "/srv/templates"]);
  });
});
