// The prose of a report part as an HTML tree (remark → rehype; raw HTML dropped): images that are
// not local files are removed and reported, and a ```layout fence (a table layout of the template
// named by the narrative) becomes a placeholder that the document fills with the table.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import { visit } from 'unist-util-visit';
import type { Root as MdastRoot, Code } from 'mdast';
import type { Root as HastRoot, Element } from 'hast';

/** A table layout named by a ```layout fence: its id, then `kind: name` lines choosing the block. */
export interface LayoutRef {
  id: string;
  params: Map<string, string>;
}

/** Reads the fence text: the layout id on the first line, `key: value` on the others. */
export function parseLayoutRef(value: string): LayoutRef {
  const [first = '', ...rest] = value.split('\n').map((l) => l.trim());
  const params = new Map<string, string>();
  for (const line of rest) {
    const at = line.search(/[:：]/u);
    if (at > 0) params.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  return { id: first, params };
}

function layoutFences(refs: LayoutRef[]) {
  return () => (tree: MdastRoot) => {
    visit(tree, 'code', (node: Code, i, parent) => {
      if (node.lang !== 'layout' || !parent || i === undefined) return;
      const index = refs.push(parseLayoutRef(node.value)) - 1;
      // An empty paragraph that remark-rehype turns into <div data-layout-ref="N"></div>.
      parent.children[i] = { type: 'paragraph', children: [], data: { hName: 'div', hProperties: { dataLayoutRef: String(index) } } };
    });
  };
}

function localImages(remote: string[]) {
  return () => (tree: HastRoot) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'img') return undefined;
      const src = String(node.properties?.src ?? '');
      if (/^[a-z][a-z0-9+.-]*:/iu.test(src) || src.startsWith('//')) {
        remote.push(src);
        if (parent && index !== undefined) parent.children.splice(index, 1);
        return index;
      }
      return undefined;
    });
  };
}

/** Markdown → HTML tree; remote images go to `remote`, layout fences to `refs`. */
export function proseTree(markdown: string, remote: string[], refs: LayoutRef[]): HastRoot {
  const processor = unified().use(remarkParse).use(remarkGfm).use(layoutFences(refs)).use(remarkRehype).use(localImages(remote));
  return processor.runSync(processor.parse(markdown)) as HastRoot;
}
