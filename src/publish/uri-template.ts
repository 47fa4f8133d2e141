// RFC 6570 URI templates, levels 1-3 (what GitHub's hypermedia URLs use, e.g.
// a release's upload_url ".../assets{?name,label}").

type Value = string | number | undefined;

interface Operator {
  first: string;
  separator: string;
  /** Name=value pairs (";", "?", "&"). */
  named: boolean;
  /** What an empty value looks like after the name ("" for ";", "=" for "?" and "&"). */
  ifEmpty: string;
  /** Reserved characters pass unencoded ("+" and "#"). */
  allowReserved: boolean;
}

const OPERATORS: Record<string, Operator> = {
  "": { first: "", separator: ",", named: false, ifEmpty: "", allowReserved: false },
  "+": { first: "", separator: ",", named: false, ifEmpty: "", allowReserved: true },
  "#": { first: "#", separator: ",", named: false, ifEmpty: "", allowReserved: true },
  ".": { first: ".", separator: ".", named: false, ifEmpty: "", allowReserved: false },
  "/": { first: "/", separator: "/", named: false, ifEmpty: "", allowReserved: false },
  ";": { first: ";", separator: ";", named: true, ifEmpty: "", allowReserved: false },
  "?": { first: "?", separator: "&", named: true, ifEmpty: "=", allowReserved: false },
  "&": { first: "&", separator: "&", named: true, ifEmpty: "=", allowReserved: false },
};

/** Percent-encodes all but RFC 3986 unreserved characters (and reserved ones when allowed). */
function encode(value: string, allowReserved: boolean): string {
  const strict = (s: string): string =>
    encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  if (!allowReserved) return strict(value);
  // Keep reserved characters and existing pct-encoded triplets; encode the rest.
  return value
    .split(/(%[0-9A-Fa-f]{2})/)
    .map((part, i) => (i % 2 === 1 ? part : encodeURI(part).replace(/%5B/g, "[").replace(/%5D/g, "]")))
    .join("");
}

/** Expands `template` with `values`; undefined values are left out, as the RFC says. */
export function expandUriTemplate(template: string, values: Record<string, Value>): string {
  return template.replace(/\{([^{}]*)\}/g, (_whole, expression: string) => {
    const first = expression.charAt(0);
    const operator = first !== "" && first in OPERATORS ? first : "";
    const op = OPERATORS[operator] as Operator;
    const names = expression.slice(operator.length).split(",");
    const parts: string[] = [];
    for (const name of names) {
      if (!/^[A-Za-z0-9_.%]+$/.test(name)) throw new Error(`unsupported URI template expression {${expression}} in ${template}`);
      const raw = values[name];
      if (raw === undefined) continue;
      const value = encode(String(raw), op.allowReserved);
      if (!op.named) parts.push(value);
      else parts.push(value === "" ? `${name}${op.ifEmpty}` : `${name}=${value}`);
    }
    return parts.length === 0 ? "" : op.first + parts.join(op.separator);
  });
}
