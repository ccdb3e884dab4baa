// The trainer's attendance page: when the minute turns, fetch the page again and swap in the
// new code, its validity and the QR image, without reloading (so nothing being typed is lost).
// Without JavaScript the page works the same, with a link to load the new code by hand.
(function () {
  var el = document.querySelector('[data-next-code-ms]');
  if (!el || !window.fetch || !window.DOMParser) return;
  function box(doc) {
    var h = doc.getElementById('h-code');
    return h ? h.parentNode : null;
  }
  function schedule(ms) {
    setTimeout(refresh, Math.min(Math.max(1000, ms + 500), 120000));
  }
  function refresh() {
    fetch(location.href, { credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var fresh = box(new DOMParser().parseFromString(html, 'text/html'));
        var here = box(document);
        if (!fresh || !here) return;
        here.innerHTML = fresh.innerHTML;
        var img = here.querySelector('img');
        if (img) img.src = img.src.split('?')[0] + '?t=' + Date.now();
        var next = here.querySelector('[data-next-code-ms]');
        schedule(next ? Number(next.getAttribute('data-next-code-ms')) : 30000);
      })
      .catch(function () { schedule(30000); });
  }
  schedule(Number(el.getAttribute('data-next-code-ms')));
})();
