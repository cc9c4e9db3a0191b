// Search page of the ACSG portal: queries Pagefind's index of the page's language (built after
// the site, one index per <html lang>) and lists matching records with their kind and country.
// Filters (kind, country, region, area, topic, support type, stage) come from the record pages.
// Loaded on the search page only, so other pages download nothing for search.

const root = document.querySelector("[data-acsg-search]");
const form = root.querySelector("form");
const input = root.querySelector("input[name=q]");
const status = root.querySelector("[role=status]");
const filtersBox = root.querySelector(".acsg-search__filters");
const filtersPanel = root.querySelector(".acsg-search__more");
const list = root.querySelector(".acsg-search__results");
const labels = root.dataset;
// The site's root, wherever it is published (this script is at <root>/assets/search/).
const siteRoot = new URL("../../", import.meta.url);
const chosen = {};
let pagefind = null;
let pending = 0;

function plainText(html) {
  // Pagefind's excerpts mark matches with <mark>: keep the words, never markup.
  const template = document.createElement("template");
  template.innerHTML = html;
  return template.content.textContent;
}

function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

const plural = new Intl.PluralRules(document.documentElement.lang);

function countLabel(count) {
  const number = count.toLocaleString(document.documentElement.lang);
  return plural.select(count) === "one" ? labels.labelCountOne : labels.labelCountMany.replace("@@", number);
}

function readState() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  for (const value of params.getAll("f")) {
    const at = value.indexOf(":");
    if (at > 0) (chosen[value.slice(0, at)] ||= new Set()).add(value.slice(at + 1));
  }
}

function writeState() {
  const params = new URLSearchParams();
  if (input.value.trim()) params.set("q", input.value.trim());
  for (const [name, values] of Object.entries(chosen)) {
    for (const value of values) params.append("f", `${name}:${value}`);
  }
  history.replaceState(null, "", `${location.pathname}${params.size ? `?${params}` : ""}`);
}

function filterQuery() {
  const filters = {};
  for (const [name, values] of Object.entries(chosen)) {
    if (values.size) filters[name] = { any: [...values] };
  }
  return filters;
}

// The filter lists are downloaded only when someone opens them (or arrives with filters in
// the address): a plain query on a slow connection does not pay for them.
let filtersShown = false;

async function showFilters() {
  if (filtersShown) return;
  filtersShown = true;
  const available = await pagefind.filters();
  const names = Object.keys(available);
  let index = 0;
  for (const name of names) {
    const group = element("fieldset");
    group.append(element("legend", {}, name));
    for (const [value, count] of Object.entries(available[name])) {
      const id = `acsg-filter-${index++}`;
      const box = element("input", { type: "checkbox", id, value });
      box.checked = chosen[name]?.has(value) || false;
      box.addEventListener("change", () => {
        const set = (chosen[name] ||= new Set());
        if (box.checked) set.add(value);
        else set.delete(value);
        run();
      });
      const label = element("label", { for: id }, `${value} (${count})`);
      const row = element("div", { class: "acsg-search__filter" });
      row.append(box, label);
      group.append(row);
    }
    filtersBox.append(group);
  }
}

async function run() {
  writeState();
  const query = input.value.trim();
  const filters = filterQuery();
  const ticket = ++pending;
  list.replaceChildren();
  if (!query && !Object.keys(filters).length) {
    status.textContent = "";
    return;
  }
  status.textContent = labels.labelSearching;
  const search = await pagefind.search(query || null, { filters });
  if (ticket !== pending) return;
  const results = await Promise.all(search.results.slice(0, 10).map((result) => result.data()));
  if (ticket !== pending) return;
  status.textContent = results.length ? countLabel(search.results.length) : labels.labelNone;
  for (const data of results) {
    const item = element("li", { class: "acsg-search__result" });
    const heading = element("h2");
    const href = new URL(data.url.replace(/^\//, ""), siteRoot).href;
    heading.append(element("a", { href }, data.meta.title || data.url));
    item.append(heading);
    const about = [data.meta.kind, data.meta.country].filter(Boolean).join(" · ");
    if (about) item.append(element("p", { class: "acsg-search__about" }, about));
    item.append(element("p", { class: "acsg-search__excerpt" }, plainText(data.excerpt)));
    list.append(item);
  }
}

async function start() {
  readState();
  try {
    pagefind = await import(new URL("pagefind/pagefind.js", siteRoot).href);
    await pagefind.options({ excerptLength: 24 });
    await pagefind.init();
  } catch (error) {
    status.textContent = labels.labelFailed;
    return;
  }
  filtersPanel.hidden = false;
  filtersPanel.addEventListener("toggle", () => {
    if (filtersPanel.open) showFilters();
  });
  if (Object.keys(chosen).length) {
    filtersPanel.open = true;
    await showFilters();
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 250);
  });
  run();
}

start();
