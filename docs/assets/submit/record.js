// The Submit page's logic without the page: form answers -> checked record -> YAML file.
// Used by submit.js in the browser and by the test suite under Node.js (tests/test_submit_page.py).
// It mirrors the portal's validator (src/acsg/fields.py) for what a form can hold; `acsg validate`
// remains the judge when the file reaches the repository.

const LAST = ["sources", "created", "updated"];
const HTML = /<\s*\/?\s*[A-Za-z!?]/;
const AUTOLINK = /<(?:https?:\/\/|mailto:)[^<>\s]+>/g;
const MD_LINK = /\]\(\s*<?([^)\s>]*)/g;
const MD_REFERENCE = /^\s{0,3}\[[^\]]+\]:\s*<?(\S*?)>?(\s|$)/gm;
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const PARTIAL_DATE = /^([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?|tbc|ongoing)$/;
const DAY = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const MAX_VALUE = 20000;
const MAX_ITEMS = 50;

// Messages in the page's language; {x} is replaced.
export const MESSAGES = {
  en: {
    required: "required",
    oneLine: "write it on one line",
    tooLong: "too long (at most {n} characters)",
    tooMany: "at most {n} items",
    html: "raw HTML is not allowed: write Markdown instead, e.g. **bold**, [a link](https://example.org)",
    linkTarget: "the link {x} must start with https://, http:// or mailto:",
    link: "{x} is not a link starting with https://, http:// or mailto:",
    control: "holds invisible control characters: retype it",
    choice: "{x} is not one of the choices",
    country: "{x} is not an ISO 3166-1 alpha-3 code (e.g. FRA)",
    id: "{x} is not valid: lowercase letters, digits and single hyphens",
    year: "expected a year between {min} and {max}",
    partialDate: "expected a year (2021), a month (2021-04), a day (2021-04-14) or 'ongoing'",
    endBeforeStart: "the end is before the start",
  },
  fr: {
    required: "obligatoire",
    oneLine: "écrivez-le sur une seule ligne",
    tooLong: "trop long (au plus {n} caractères)",
    tooMany: "au plus {n} éléments",
    html: "le HTML n'est pas accepté\u202f: écrivez en Markdown, p. ex. **gras**, [un lien](https://example.org)",
    linkTarget: "le lien {x} doit commencer par https://, http:// ou mailto:",
    link: "{x} n'est pas un lien commençant par https://, http:// ou mailto:",
    control: "contient des caractères de contrôle invisibles\u202f: retapez-le",
    choice: "{x} ne fait pas partie des choix",
    country: "{x} n'est pas un code ISO 3166-1 alpha-3 (p. ex. FRA)",
    id: "{x} n'est pas valide\u202f: lettres minuscules, chiffres et tirets simples",
    year: "une année entre {min} et {max} est attendue",
    partialDate: "une année (2021), un mois (2021-04), un jour (2021-04-14) ou «\u202fongoing\u202f» est attendu",
    endBeforeStart: "la fin précède le début",
  },
  es: {
    required: "obligatorio",
    oneLine: "escríbalo en una sola línea",
    tooLong: "demasiado largo (como máximo {n} caracteres)",
    tooMany: "como máximo {n} elementos",
    html: "no se admite HTML: escriba en Markdown, p. ej. **negrita**, [un enlace](https://example.org)",
    linkTarget: "el enlace {x} debe empezar por https://, http:// o mailto:",
    link: "{x} no es un enlace que empiece por https://, http:// o mailto:",
    control: "contiene caracteres de control invisibles: vuelva a escribirlo",
    choice: "{x} no es una de las opciones",
    country: "{x} no es un código ISO 3166-1 alfa-3 (p. ej. FRA)",
    id: "{x} no es válido: minúsculas, cifras y guiones simples",
    year: "se espera un año entre {min} y {max}",
    partialDate: "se espera un año (2021), un mes (2021-04), un día (2021-04-14) u «ongoing»",
    endBeforeStart: "el final es anterior al inicio",
  },
};

function say(lang, key, values = {}) {
  const text = (MESSAGES[lang] || MESSAGES.en)[key];
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
}

/** A safe id from any text: ASCII lowercase words joined by single hyphens (as intake.slug). */
export function slug(text, limit = 60) {
  const ascii = text.normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
  const words = ascii.toLowerCase().match(/[a-z0-9]+/g) || [];
  let result = "";
  for (const word of words) {
    const candidate = result ? `${result}-${word}` : word;
    if (candidate.length > limit) break;
    result = candidate;
  }
  return result || (words.length ? words[0].slice(0, limit) : "");
}

// --- what the JSON Schema allows -------------------------------------------------------------

function resolve(schema, node) {
  let current = node;
  for (;;) {
    if (current && current.$ref) {
      current = schema.$defs[current.$ref.split("/").pop()];
    } else if (current && current.anyOf) {
      const options = current.anyOf.filter((option) => option.type !== "null");
      if (options.length !== 1) return current;
      current = options[0];
    } else {
      return current;
    }
  }
}

/** The schema of the value at `key` (a path of property names) in a record. */
export function schemaAt(schema, key) {
  let node = schema;
  for (const part of key) {
    node = resolve(schema, node);
    if (node.type === "array") node = resolve(schema, node.items);
    node = node.properties[part];
  }
  node = resolve(schema, node);
  return node.type === "array" ? { array: true, ...resolve(schema, node.items) } : node;
}

// --- checks that mirror the validator ---------------------------------------------------------

function linkProblem(url) {
  if (/\s/.test(url) || CONTROL.test(url)) return true;
  const scheme = SCHEME.exec(url);
  if (!scheme) return true;
  const name = scheme[1].toLowerCase();
  if (name === "mailto") return !url.slice(7).includes("@");
  if (name !== "http" && name !== "https") return true;
  return !/^https?:\/\/[^\s/?#]+/i.test(url);
}

function markdownProblem(text, lang) {
  if (CONTROL.test(text)) return say(lang, "control");
  if (HTML.test(text.replace(AUTOLINK, ""))) return say(lang, "html");
  for (const pattern of [MD_LINK, MD_REFERENCE]) {
    pattern.lastIndex = 0;
    for (const match of text.matchAll(pattern)) {
      const target = match[1].replace(/[\s\u0000-\u001f]/g, "");
      const scheme = SCHEME.exec(target);
      if (scheme && !["http", "https", "mailto"].includes(scheme[1].toLowerCase())) {
        return say(lang, "linkTarget", { x: JSON.stringify(match[1]) });
      }
    }
  }
  return null;
}

// Line breaks as the YAML file will have them: a paragraph separator (U+2029) is a blank line,
// a line separator (U+2028, U+0085) a line break. Left in the text, YAML would read them as
// line breaks where nobody sees one, and a text could add a field to the record.
function lines(text) {
  return text.replace(/\r\n?/g, "\n").replace(/\u2029/g, "\n\n").replace(/[\u2028\u0085]/g, "\n");
}

function items(value, separators) {
  return [...new Set(value.split(separators).map((item) => item.trim()).filter(Boolean))];
}

/**
 * Check the answers of one form and build the record.
 * form: one entry of forms.json; schema: its JSON Schema; values: field id -> string or, for
 * several choices, an array of values; lang: the page's language; today: "YYYY-MM-DD".
 * Returns { record, id, problems: [{field, message}] }.
 */
export function buildRecord(form, schema, values, { lang = "en", today }) {
  const problems = [];
  const problem = (field, message) => problems.push({ field: field.id, message });
  const language = values.language || "en";
  const record = { id: null, language };
  if (form.pledgeKind) record.kind = form.pledgeKind;

  for (const field of form.fields) {
    const given = values[field.id];
    const raw = Array.isArray(given) ? given : lines(String(given ?? "")).trim();
    if (raw.length === 0) {
      if (field.required) problem(field, say(lang, "required"));
      continue;
    }
    if (!Array.isArray(raw) && raw.length > MAX_VALUE) {
      problem(field, say(lang, "tooLong", { n: MAX_VALUE }));
      continue;
    }
    const allowed = schemaAt(schema, field.key);
    let value;
    switch (field.value) {
      case "language":
      case "term":
        if (!(allowed.enum || []).includes(raw)) {
          problem(field, say(lang, "choice", { x: JSON.stringify(raw) }));
          continue;
        }
        value = raw;
        break;
      case "terms": {
        const chosen = Array.isArray(raw) ? raw : items(raw, /[,\n]/);
        const wrong = chosen.find((item) => !(allowed.enum || []).includes(item));
        if (wrong !== undefined) {
          problem(field, say(lang, "choice", { x: JSON.stringify(wrong) }));
          continue;
        }
        value = [...new Set(chosen)];
        break;
      }
      case "bool":
        value = raw === "true";
        break;
      case "year": {
        const year = Number(raw);
        if (!/^[0-9]{4}$/.test(raw) || year < allowed.minimum || year > allowed.maximum) {
          problem(field, say(lang, "year", { min: allowed.minimum, max: allowed.maximum }));
          continue;
        }
        value = year;
        break;
      }
      case "line":
        if (raw.includes("\n")) {
          problem(field, say(lang, "oneLine"));
          continue;
        }
      // falls through: a line is text too
      case "text": {
        const why = markdownProblem(raw, lang);
        if (why) {
          problem(field, why);
          continue;
        }
        value = { [language]: raw };
        break;
      }
      case "link":
      case "links": {
        const links = field.value === "link" ? [raw] : items(raw, /\s+/);
        const wrong = links.find(linkProblem);
        if (wrong !== undefined) {
          problem(field, say(lang, "link", { x: JSON.stringify(wrong) }));
          continue;
        }
        value = field.value === "link" ? links[0] : links;
        break;
      }
      case "orgs": {
        const names = items(raw, /[\n;]/);
        const ids = [...new Set(names.map((name) => slug(name, 80)).filter(Boolean))];
        if (ids.length === 0) {
          problem(field, say(lang, "id", { x: JSON.stringify(raw) }));
          continue;
        }
        value = ids;
        break;
      }
      case "countries": {
        const codes = items(raw, /[,;\s]+/).map((code) => code.toUpperCase());
        const wrong = codes.find((code) => !(allowed.enum || []).includes(code));
        if (wrong !== undefined) {
          problem(field, say(lang, "country", { x: JSON.stringify(wrong) }));
          continue;
        }
        value = [...new Set(codes)];
        break;
      }
      case "partial-date":
        if (!PARTIAL_DATE.test(raw) || (raw === "ongoing" && field.key.at(-1) !== "end")) {
          problem(field, say(lang, "partialDate"));
          continue;
        }
        value = raw;
        break;
      case "id":
        if (!new RegExp(schema.properties.id.pattern).test(raw) || raw.length > 80) {
          problem(field, say(lang, "id", { x: JSON.stringify(raw) }));
          continue;
        }
        value = raw;
        break;
      case "documents": {
        const documents = [];
        for (const line of items(raw, /\n/)) {
          const space = line.indexOf(" ");
          const url = space < 0 ? line : line.slice(0, space);
          const title = space < 0 ? "" : line.slice(space + 1).trim();
          if (linkProblem(url)) {
            problem(field, say(lang, "link", { x: JSON.stringify(url) }));
            continue;
          }
          const why = title && markdownProblem(title, lang);
          if (why) {
            problem(field, why);
            continue;
          }
          documents.push(title ? { language, title: { [language]: title }, url } : { language, url });
        }
        value = documents;
        break;
      }
      default:
        throw new Error(`unknown field value ${field.value}`);
    }
    if (Array.isArray(value) && value.length > MAX_ITEMS) {
      problem(field, say(lang, "tooMany", { n: MAX_ITEMS }));
      continue;
    }
    let target = record;
    for (const part of field.key.slice(0, -1)) target = target[part] ??= {};
    target[field.key.at(-1)] = value;
  }

  const timeframe = record.timeframe;
  if (timeframe && /^[0-9]/.test(timeframe.start ?? "") && /^[0-9]/.test(timeframe.end ?? "")) {
    if (timeframe.end < timeframe.start.slice(0, timeframe.end.length)) {
      problem(form.fields.find((field) => field.id === "timeframe_end"), say(lang, "endBeforeStart"));
    }
  }
  const title = record.title ? Object.values(record.title)[0] : "";
  record.id ??= slug(title) || `${form.pledgeKind || form.kind}-${today}`;
  record.created = today;
  record.updated = today;
  return { record: ordered(schema, record), id: record.id, problems };
}

function ordered(schema, record) {
  const names = Object.keys(schema.properties).filter((name) => !LAST.includes(name));
  const result = {};
  for (const name of [...names, ...LAST]) {
    if (record[name] !== undefined && record[name] !== null) result[name] = record[name];
  }
  return result;
}

// --- YAML as the project writes it ------------------------------------------------------------

const SPECIAL = /^(y|n|yes|no|true|false|on|off|null|~)$/i;
const PLAIN_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const PLAIN_URL = /^(https?|mailto):[^\s"'`]*[^\s:"'`]$/;
// Words that start with a letter and hold no YAML indicator (": ", " #", quotes at the start).
const PLAIN_WORDS = /^\p{L}[\p{L}\p{N} .,'()/-]*[\p{L}\p{N}.)]$/u;

function scalar(value, indent) {
  if (typeof value === "boolean" || typeof value === "number") return String(value);
  const text = String(value);
  if (
    (PLAIN_ID.test(text) ||
      /^[A-Z]{3}$/.test(text) ||
      DAY.test(text) ||
      PLAIN_URL.test(text) ||
      PLAIN_WORDS.test(text)) &&
    !SPECIAL.test(text)
  ) {
    return text;
  }
  const lines = text.split("\n");
  const literal =
    lines.length > 1 &&
    !/[\t\r]/.test(text) &&
    !CONTROL.test(text) &&
    !/^\s/.test(text) &&
    lines.every((line) => !/\s$/.test(line));
  if (literal) {
    const pad = " ".repeat(indent + 2);
    return "|-\n" + lines.map((line) => (line ? pad + line : "")).join("\n");
  }
  return JSON.stringify(text); // a JSON string is a valid YAML double-quoted scalar
}

function block(value, indent) {
  const pad = " ".repeat(indent);
  const out = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      if (item && typeof item === "object") {
        const inner = block(item, indent + 4).split("\n");
        out.push(`${pad}  - ${inner[0].trimStart()}`, ...inner.slice(1));
      } else {
        out.push(`${pad}  - ${scalar(item, indent + 2)}`);
      }
    }
    return out.join("\n");
  }
  for (const [key, item] of Object.entries(value)) {
    if (Array.isArray(item) && item.length === 0) {
      out.push(`${pad}${key}: []`);
    } else if (Array.isArray(item)) {
      out.push(`${pad}${key}:`, block(item, indent));
    } else if (item && typeof item === "object") {
      out.push(`${pad}${key}:`, block(item, indent + 2));
    } else {
      out.push(`${pad}${key}: ${scalar(item, indent)}`);
    }
  }
  return out.join("\n");
}

/** The record file: the schema comment (for editors), then the record in block YAML. */
export function toYaml(record, kind, schemaComment) {
  return `${schemaComment}../../schemas/${kind}.schema.json\n${block(record, 0)}\n`;
}

// --- three ways on ----------------------------------------------------------------------------

/** The repository host's "new file" page, prefilled (GitHub: /new/BRANCH/PATH?filename&value). */
export function newFileUrl(repoUrl, folder, id, yaml, branch = "main") {
  const base = repoUrl.replace(/\/+$/, "");
  const query = `filename=${encodeURIComponent(`${id}.yaml`)}&value=${encodeURIComponent(yaml)}`;
  return `${base}/new/${branch}/content/${folder}?${query}`;
}

/** An email to the Secretariat's address with the file in its body. */
export function mailtoUrl(address, subject, yaml) {
  return `mailto:${encodeURIComponent(address).replace(/%40/g, "@")}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(yaml)}`;
}
