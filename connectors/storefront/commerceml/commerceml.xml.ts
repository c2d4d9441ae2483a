/**
 * Reading CommerceML (1C) order exchange files: the `Документ` elements of a `КоммерческаяИнформация`
 * (directly in 2.x, inside `Контейнер` in 3.x), their requisites (`ЗначенияРеквизитов`) and contacts,
 * parsed with fast-xml-parser; every value is kept as text.
 */
import { XMLParser } from "fast-xml-parser";
import { InboundRejected } from "../../sdk/index.ts";
import { record, text } from "../shared/index.ts";

/** An XML element as fast-xml-parser gives it (children by tag name; text when it has none). */
export type XmlNode = Record<string, unknown>;

/** One `Документ` with its position in the file (for pointers such as `/Документ/2/Товары`). */
export interface CmlDocument {
  node: XmlNode;
  pointer: string;
}

const REPEATED = new Set(["Контейнер", "Документ", "Контрагент", "Контакт", "Товар", "ЗначениеРеквизита", "АдресноеПоле", "Налог", "Скидка", "Представитель"]);
const parser = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, parseTagValue: false, trimValues: true, isArray: (name) => REPEATED.has(name) });

/** The documents of a CommerceML file; 422 when it is not XML of a `КоммерческаяИнформация`. */
export function cmlDocuments(xml: string): CmlDocument[] {
  let parsed: XmlNode;
  try {
    parsed = parser.parse(xml.replace(/^\uFEFF/, ""), true) as XmlNode;
  } catch (error) {
    throw new InboundRejected(422, `The body is not well-formed XML: ${(error as Error).message.split("\n")[0]}.`);
  }
  const root = parsed["КоммерческаяИнформация"];
  if (typeof root !== "object" || root === null) throw new InboundRejected(422, "The body is not a CommerceML file: its root element is not КоммерческаяИнформация.", "/КоммерческаяИнформация");
  const top = record(root);
  const direct = list(top["Документ"]).map((node, i) => ({ node, pointer: `/Документ/${i}` }));
  const contained = list(top["Контейнер"]).flatMap((container, c) => list(container["Документ"]).map((node, i) => ({ node, pointer: `/Контейнер/${c}/Документ/${i}` })));
  return [...direct, ...contained];
}

/** The child elements named `name` (always a list). */
export function list(value: unknown): XmlNode[] {
  return (Array.isArray(value) ? value : value === undefined || value === "" ? [] : [value]).map(record);
}

/** The value of the requisite (`ЗначениеРеквизита`) named `name` under `node/ЗначенияРеквизитов`. */
export function requisite(node: XmlNode, name: string): string | undefined {
  return text(list(record(node["ЗначенияРеквизитов"])["ЗначениеРеквизита"]).find((r) => text(r["Наименование"]) === name)?.["Значение"]);
}

/** Whether a requisite says true. */
export function requisiteIsTrue(node: XmlNode, name: string): boolean {
  return requisite(node, name)?.toLowerCase() === "true";
}

/** The value of the first contact (`Контакты/Контакт`) whose type matches. */
export function contact(node: XmlNode, type: RegExp): string | undefined {
  return list(record(node["Контакты"])["Контакт"]).map((c) => [text(c["Тип"]) ?? "", text(c["Значение"])] as const).find(([t, v]) => type.test(t) && v)?.[1];
}
