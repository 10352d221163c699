const attribute = (tag: string, name: string) =>
  new RegExp(`\\s${name}="([^"]*)"`)
    .exec(tag)?.[1]
    ?.replace(
      /&(amp|quot|#39|#x27|lt|gt);/g,
      (_, e: string) => ({ amp: '&', quot: '"', '#39': "'", '#x27': "'", lt: '<', gt: '>' })[e] ?? '',
    );
const has = (tag: string, name: string) => new RegExp(`\\s${name}(?=[\\s>/=])`).test(tag);

/**
 * A page's form fields and what the page fills them with (a value, the checked radio, the selected option, the
 * text of a text area), so that the fuzzer's "valid" form is what a person would post without changing anything.
 * Fields the page leaves empty map to ''.
 */
export function formFieldsOn(html: string): Map<string, string> {
  const fields = new Map<string, string>();
  const offer = (name: string | undefined, value: string, chosen: boolean) => {
    if (!name || name === '_csrf') return;
    if (!fields.has(name) || (chosen && fields.get(name) === '')) fields.set(name, chosen ? value : '');
  };
  for (const [tag] of html.matchAll(/<input\b[^>]*>/g)) {
    const type = attribute(tag, 'type') ?? 'text';
    if (type === 'submit' || type === 'button') continue;
    const value = attribute(tag, 'value') ?? '';
    offer(
      attribute(tag, 'name'),
      value,
      type === 'radio' || type === 'checkbox' ? has(tag, 'checked') : true,
    );
  }
  for (const [, tag, text] of html.matchAll(/(<textarea\b[^>]*>)([\s\S]*?)<\/textarea>/g))
    offer(attribute(tag, 'name'), text, true);
  for (const [, tag, options] of html.matchAll(/(<select\b[^>]*>)([\s\S]*?)<\/select>/g)) {
    const all = [...options.matchAll(/<option\b[^>]*>/g)].map(([o]) => o);
    const chosen = all.find((o) => has(o, 'selected')) ?? all.find((o) => attribute(o, 'value'));
    offer(attribute(tag, 'name'), chosen ? (attribute(chosen, 'value') ?? '') : '', true);
  }
  return fields;
}

/**
 * The fields of the form on a page that posts to `action` (a door view's check-in form lives on the door view);
 * undefined when the page has none.
 */
export function formPostingTo(html: string, action: string): Map<string, string> | undefined {
  for (const [form] of html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)) {
    const tag = /^<form\b[^>]*>/.exec(form)![0];
    if (/method="post"/i.test(tag) && attribute(tag, 'action') === action) return formFieldsOn(form);
  }
  return undefined;
}
