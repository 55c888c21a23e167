/**
 * Renders a search highlight into `target`. The hub sends HTML-escaped text with matches in <mark>; to stay safe
 * even if that ever changed, the markup is parsed in an inert document and only text and <mark> survive.
 */
export function renderHighlight(target: HTMLElement, html: string): void {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body;
  const fragment = document.createDocumentFragment();
  for (const node of Array.from(parsed.childNodes)) {
    if (node.nodeName === 'MARK') {
      const mark = document.createElement('mark');
      mark.textContent = node.textContent;
      fragment.append(mark);
    } else {
      fragment.append(document.createTextNode(node.textContent ?? ''));
    }
  }
  target.replaceChildren(fragment);
}
