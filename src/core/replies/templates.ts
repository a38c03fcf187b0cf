// Reply templates: key → text with {placeholders}, one set per language (prompts/replies.*.yaml),
// passed into the core. A missing key or parameter is a bug the tests catch, never shown raw.

/** Templates of one language. */
export type Templates = Readonly<Record<string, string>>;

/** Both languages; Vietnamese is complete, English falls back to Vietnamese per key. */
export interface TemplateSet {
  readonly vi: Templates;
  readonly en: Templates;
}

/** A template parameter: literal text or a number, or another template to fill in (e.g. a label). */
export type TemplateParam = string | number | { readonly key: string };

/** Fills `{name}` placeholders; throws on an unknown key or a missing parameter (caught by tests). */
export function fill(
  set: TemplateSet,
  lang: "vi" | "en",
  key: string,
  params: Readonly<Record<string, TemplateParam>> = {},
): string {
  const template = set[lang][key] ?? set.vi[key];
  if (template === undefined) throw new Error(`missing reply template "${key}"`);
  return template.replace(/\{([\w.-]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`template "${key}" needs parameter "${name}"`);
    return typeof value === "object" ? fill(set, lang, value.key) : String(value);
  });
}
