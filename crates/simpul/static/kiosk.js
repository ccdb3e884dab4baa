// The survey kiosk. Each response gets its own key and goes into a queue kept in the
// browser (localStorage) before anything is sent, so answers given while the network is down
// are sent once it is back, and a send that is retried after a lost answer is stored once
// (the server keeps one response per key). The page resets after a response or after a
// minute without a touch, and tells the server every minute that the kiosk is alive.
// Without JavaScript the form is posted as it is, with the key the server put in it.
(function () {
  var form = document.getElementById('kiosk-form');
  var status = document.getElementById('kiosk-status');
  if (!form || !status || !window.fetch || !window.localStorage || !window.URLSearchParams) return;
  var QUEUE = 'simpul-kiosk-' + form.getAttribute('data-kiosk');
  var idleMs = Number(form.getAttribute('data-idle-ms')) || 60000;
  var sending = false;
  var retry = null;
  var lastTouch = Date.now();

  function load() {
    try { return JSON.parse(localStorage.getItem(QUEUE)) || []; } catch (e) { return []; }
  }
  function save(q) {
    localStorage.setItem(QUEUE, JSON.stringify(q));
    show();
  }
  function show(text) {
    var n = load().length;
    status.textContent = text || (n ? status.getAttribute('data-waiting').replace('{n}', n) : '');
  }
  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + '-' + Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
  }
  function csrf() {
    return form.querySelector('input[name="_csrf"]').value;
  }
  function later(ms) {
    if (retry) return;
    retry = setTimeout(function () { retry = null; flush(); }, ms);
  }
  // A send that hangs (a captive portal, a half-dead connection) is given up after 20 s so
  // the queue moves on; the response stays queued and goes again later.
  function post(url, body) {
    var abort = window.AbortController ? new AbortController() : null;
    var timer = abort ? setTimeout(function () { abort.abort(); }, 20000) : null;
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'x-csrf-token': csrf() },
      body: body,
      signal: abort ? abort.signal : undefined
    }).then(function (r) {
      if (timer) clearTimeout(timer);
      return r;
    }, function (e) {
      if (timer) clearTimeout(timer);
      throw e;
    });
  }
  // Sends the queue one response at a time; what fails stays for the next try.
  function flush() {
    var q = load();
    if (sending || !q.length) return;
    sending = true;
    var item = q[0];
    post(form.action, new URLSearchParams(item).toString()).then(function (r) {
      sending = false;
      var json = (r.headers.get('content-type') || '').indexOf('application/json') === 0;
      if (((r.status === 200 || r.status === 201) && json) || r.status === 422) {
        // Stored (or stored before, or never storable): off the queue.
        save(load().filter(function (x) { return x.client_key !== item.client_key; }));
        flush();
      } else if (r.status === 403) {
        show(status.getAttribute('data-refused'));
      } else if (r.status === 400 && load().length) {
        // The page's form token is stale (the browser restarted): a fresh page has a new one;
        // the queue stays in the browser.
        location.reload();
      } else {
        later(15000);
      }
    }).catch(function () {
      sending = false;
      later(15000);
    });
  }
  function reset() {
    form.reset();
    Array.prototype.forEach.call(form.querySelectorAll('.missing'), function (f) { f.classList.remove('missing'); });
    window.scrollTo(0, 0);
  }

  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var data = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === '_csrf' || el.name === 'client_key') return;
      if ((el.type === 'radio' || el.type === 'checkbox') && !el.checked) return;
      data[el.name] = el.value;
    });
    var missing = null;
    for (var i = 1; i <= 9; i++) {
      if (!data['u' + i]) {
        var f = document.getElementById('q-u' + i);
        f.classList.add('missing');
        missing = missing || f;
      }
    }
    if (missing) {
      show(status.getAttribute('data-missing'));
      missing.scrollIntoView();
      return;
    }
    data.client_key = newKey();
    var q = load();
    q.push(data);
    save(q);
    reset();
    show(status.getAttribute('data-thanks'));
    setTimeout(function () { show(); }, 4000);
    flush();
  });
  ['click', 'touchstart', 'keydown', 'change'].forEach(function (t) {
    form.addEventListener(t, function () { lastTouch = Date.now(); }, { passive: true });
  });
  // A respondent who walked away leaves no half-filled form for the next one.
  setInterval(function () {
    if (Date.now() - lastTouch > idleMs && form.querySelector('input:checked')) reset();
  }, 5000);
  // A refused heartbeat (400: the page's form token is stale) would leave a working kiosk
  // flagged as silent: a fresh page has a valid token (the queue stays in the browser).
  function beat() {
    post(form.getAttribute('data-heartbeat'), '').then(function (r) {
      if (r.status === 400 && !form.querySelector('input:checked')) location.reload();
    }).catch(function () {});
  }
  window.addEventListener('online', flush);
  setInterval(flush, 30000);
  setInterval(beat, 60000);
  beat();
  show();
  flush();
})();
