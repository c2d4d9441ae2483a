/** bpmn-moddle ships no types for its main entry; this is the part we use. */
declare module "bpmn-moddle" {
  export interface ModdleElement {
    $type: string;
    $parent?: ModdleElement;
    $attrs?: Record<string, string>;
    id?: string;
    name?: string;
    [key: string]: any;
  }
  export interface ParseResult {
    rootElement: ModdleElement;
    references: { element: ModdleElement; property: string; id: string }[];
    warnings: { message: string; element?: ModdleElement; property?: string; value?: unknown; error?: Error }[];
    elementsById: Record<string, ModdleElement>;
  }
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string | Record<string, unknown>, options?: Record<string, unknown>): Promise<ParseResult>;
    toXML(element: ModdleElement, options?: Record<string, unknown>): Promise<{ xml: string }>;
    create(type: string, attrs?: Record<string, unknown>): ModdleElement;
    getType(type: string): any;
  }
}
