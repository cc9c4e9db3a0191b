// Loaded before Material's own script on every page.
// Material requests the sitemap.xml beside each <link rel="alternate"> to map pages between
// languages. The portal's alternates already point at the same page in each language (the
// language switcher needs no mapping), and the sitemaps of a large portal weigh megabytes:
// answer those requests with an empty sitemap, without touching the network.
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
