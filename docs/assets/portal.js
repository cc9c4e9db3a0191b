// Loaded before Material's own script on every page.

// Material's storage helpers, which its script expects (Material writes them inline in every
// page's <head>: overrides/partials/javascripts/base.html). Its scope is the site's root, from
// the base address in the page's configuration.
{
  const config = JSON.parse(document.getElementById("__config").textContent);
  window.__md_scope = new URL(config.base, location);
  window.__md_hash = (text) => [...text].reduce((hash, c) => (hash << 5) - hash + c.charCodeAt(0), 0);
  window.__md_get = (key, storage = localStorage, scope = __md_scope) =>
    JSON.parse(storage.getItem(scope.pathname + "." + key));
  window.__md_set = (key, value, storage = localStorage, scope = __md_scope) => {
    try {
      storage.setItem(scope.pathname + "." + key, JSON.stringify(value));
    } catch (error) {
      // storage full or refused: Material works without it
    }
  };
}

// Material requests the site's sitemap.xml for features the portal does not use (instant
// navigation, link previews; it would also map pages between languages, but the language
// switcher already links the same page in each language), and the sitemaps of a large portal
// weigh megabytes: answer those requests with an empty sitemap, without touching the network.
(() => {
  const emptySitemap =
    "data:application/xml," +
    encodeURIComponent('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>');
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    const target = new URL(String(url), location.href);
    const sitemap = method.toUpperCase() === "GET" && target.pathname.endsWith("/sitemap.xml");
    return open.call(this, method, sitemap ? emptySitemap : url, ...rest);
  };
})();
