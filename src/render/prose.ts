// The prose of a report part as an HTML tree (remark → rehype; raw HTML dropped): images that are
// not files of the report folder are removed and reported (the others resolved against it), and a ```layout fence (a table layout of the template
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

/** What the prose of a report collects while it is turned into HTML. */
export interface ProseSink {
  /** Remote images (removed, reported). */
  remote: string[];
  /** Images outside the report folder (removed, reported). */
  outside: string[];
  /** Local images, relative to the report folder. */
  images: string[];
  /** ```layout fences. */
  refs: LayoutRef[];
  /** The report folder as a file URL ending in `/`: local images are resolved against it. */
  base?: string;
}

function localImages(sink: ProseSink) {
  return () => (tree: HastRoot) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'img') return undefined;
      const src = String(node.properties?.src ?? '');
      if (/^[a-z][a-z0-9+.-]*:/iu.test(src) || src.startsWith('//')) {
        sink.remote.push(src);
        if (parent && index !== undefined) parent.children.splice(index, 1);
        return index;
      }
      // Only files of the report folder: no absolute path, no way up and out of it.
      const depth = src.split(/[\\/]/u).reduce((d, part) => (d < 0 ? d : part === '..' ? d - 1 : part === '.' || part === '' ? d : d + 1), 0);
      if (src.startsWith('/') || src.includes('\\') || depth < 0) {
        sink.outside.push(src);
        if (parent && index !== undefined) parent.children.splice(index, 1);
        return index;
      }
      const path = src.split('/').filter((p) => p !== '.' && p !== '').join('/');
      if (!sink.images.includes(path)) sink.images.push(path);
      if (sink.base) node.properties = { ...node.properties, src: sink.base + path.split('/').map(encodeURIComponent).join('/') };
      return undefined;
    });
  };
}

/** Markdown → HTML tree; images and layout fences collected in `sink`. */
export function proseTree(markdown: string, sink: ProseSink): HastRoot {
  const processor = unified().use(remarkParse).use(remarkGfm).use(layoutFences(sink.refs)).use(remarkRehype).use(localImages(sink));
  return processor.runSync(processor.parse(markdown)) as HastRoot;
}
