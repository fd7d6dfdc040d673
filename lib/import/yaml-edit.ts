/**
 * Edits a YAML file in place: one value replaced, or added under its section, and every other byte
 * of the file (comments, alignment, quoting, blank lines) left as it was. The `yaml` package finds
 * where each node is written; only that range of the text changes.
 */
import { isMap, isScalar, isSeq, parseDocument, stringify, type Node, type Pair, type YAMLMap } from 'yaml';

type Value = string | number | boolean | string[] | { [key: string]: Value };

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end < 0 ? text.length : end;
}

function isPlainList(value: Value): value is string[] {
  return Array.isArray(value);
}

/** A value written after `key:` at indentation `indent`: inline for scalars and short lists, else on the following lines. */
function render(value: Value, indent: number): string {
  const pad = ' '.repeat(indent + 2);
  if (typeof value === 'string' && value.includes('\n')) {
    return ` |\n${value.replace(/\n$/, '').split('\n').map((l) => (l ? pad + l : '')).join('\n')}`;
  }
  if (isPlainList(value)) return ` ${stringify(value, { flowCollectionPadding: false, collectionStyle: 'flow', lineWidth: 0 }).trim()}`;
  if (typeof value === 'object') {
    return `\n${Object.entries(value).map(([k, v]) => `${pad}${stringify(k).trim()}:${render(v, indent + 2)}`).join('\n')}`;
  }
  return ` ${stringify(value, { lineWidth: 0 }).trim()}`;
}

/** Where the pair of `key` in a map is written, and the indentation of its key. */
function pairOf(map: YAMLMap, key: string): Pair<Node, Node | null> | undefined {
  return map.items.find((p) => isScalar(p.key) && String(p.key.value) === key) as Pair<Node, Node | null> | undefined;
}

/** Sets the value at `path` (a list of keys from the top) in the YAML text. */
export function setIn(text: string, path: string[], value: Value): string {
  const doc = parseDocument(text);
  let map = doc.contents as unknown;
  if (map !== null && !isMap(map)) throw new Error('the YAML file is not a mapping of keys');
  for (let depth = 0; depth < path.length; depth++) {
    const key = path[depth]!;
    const pair = map ? pairOf(map as YAMLMap, key) : undefined;
    if (!pair) return insert(text, map as YAMLMap | null, path.slice(depth), value, depth);
    const last = depth === path.length - 1;
    if (!last && isMap(pair.value)) {
      map = pair.value;
      continue;
    }
    // Replace what follows `key:` up to the end of the value, keeping a comment after it.
    const keyNode = pair.key as Node & { range: [number, number, number] };
    const keyIndent = keyNode.range[0] - lineStart(text, keyNode.range[0]);
    const colon = text.indexOf(':', keyNode.range[1]);
    const valueNode = pair.value as (Node & { range?: [number, number, number] }) | null;
    const end = valueNode?.range ? valueNode.range[1] : colon + 1;
    const rest = last ? value : nest(path.slice(depth + 1), value);
    const block = isSeq(valueNode) && !(valueNode as { flow?: boolean }).flow && isPlainList(rest)
      ? `\n${rest.map((v) => `${' '.repeat(keyIndent + 2)}- ${stringify(v).trim()}`).join('\n')}`
      : render(rest, keyIndent);
    const trimmedEnd = text.slice(colon + 1, end).replace(/\s+$/, '').length + colon + 1;
    return text.slice(0, colon + 1) + block + text.slice(trimmedEnd);
  }
  return text;
}

function nest(path: string[], value: Value): Value {
  return path.reduceRight<Value>((v, k) => ({ [k]: v }), value);
}

/** Adds `path: value` at the end of `map` (the top level when null or the document's own map). */
function insert(text: string, map: YAMLMap | null, path: string[], value: Value, depth: number): string {
  const [key, ...rest] = path;
  const node = rest.length ? nest(rest, value) : value;
  const items = map?.items ?? [];
  const lastPair = items[items.length - 1] as Pair<Node & { range: [number, number, number] }, (Node & { range?: [number, number, number] }) | null> | undefined;
  if (depth === 0 || !lastPair) {
    const indent = depth === 0 ? 0 : 2 * depth;
    const body = text.replace(/\s*$/, '\n');
    return `${body}${' '.repeat(indent)}${stringify(key).trim()}:${render(node, indent)}\n`;
  }
  const indent = lastPair.key.range[0] - lineStart(text, lastPair.key.range[0]);
  const after = lineEnd(text, lastPair.value?.range ? lastPair.value.range[1] - 1 : lastPair.key.range[1]);
  return `${text.slice(0, after)}\n${' '.repeat(indent)}${stringify(key).trim()}:${render(node, indent)}${text.slice(after)}`;
}
